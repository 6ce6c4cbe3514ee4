// End to end in headless Chromium with its fake camera and microphone: Ann video-calls Bob from their conversation,
// Bob's browser rings and he accepts, and both peer connections reach `connected` with video frames decoded
// (getStats(), shown on each tile). Mute and camera-off reach the other side; hanging up ends the call for both.
// With SC_E2E_RESTART_VIDEO set to a shell command that restarts video-service, the call also has to come back to
// `connected` after the restart. Usage: node call.mjs <gateway URL>
import {execSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {log, newUser, run, screenshot} from './browser.mjs';
import {expectText, register, send, startChat} from './steps.mjs';

const FRAMES_TIMEOUT_MS = 60_000;

run(async ({browser, gateway, users}) => {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const ann = await newUser(browser, 'ann', gateway);
  const bob = await newUser(browser, 'bob', gateway, {width: 900, height: 760});
  users.push(ann, bob);
  ann.email = `ann-call-${tag}@example.com`;
  bob.email = `bob-call-${tag}@example.com`;

  log('Ann and Bob register; Ann opens a conversation with Bob');
  await register(ann, 'Ann');
  await register(bob, 'Bob');
  await startChat(ann, bob);
  await send(ann, 'Can I call you?');

  log('Ann starts a video call; Bob’s browser rings and he accepts');
  await ann.page.getByRole('button', {name: 'Video call'}).click();
  const ringing = bob.page.getByRole('alertdialog');
  await expectText(ringing, 'Ann is calling (video)');
  await screenshot(bob.page, 'incoming-call');
  await ringing.getByRole('button', {name: 'Accept'}).click();

  log('both peer connections reach connected and decode the other’s video');
  await connectedWithFrames(ann, bob);
  await screenshot(ann.page, 'call');

  log('Ann mutes and turns her camera off: Bob’s tile of Ann says so');
  await ann.page.getByRole('button', {name: 'Mute'}).click();
  await ann.page.getByRole('button', {name: 'Camera off'}).click();
  await bob.page.locator('.tile.remote[data-audio="false"][data-video="false"]').waitFor();

  log('Ann shares her screen: a second video track, negotiated again, and Bob’s tile says so');
  await ann.page.getByRole('button', {name: 'Share screen'}).click();
  await ann.page.locator('button[aria-pressed="true"]', {hasText: 'Share screen'}).waitFor();
  await bob.page.locator('.tile.remote[data-screen="true"][data-video-tracks="2"]').waitFor();
  await ann.page.getByRole('button', {name: 'Share screen'}).click();
  await bob.page.locator('.tile.remote[data-screen="false"]').waitFor();

  if (process.env.SC_E2E_RESTART_VIDEO) {
    log('video-service restarts: both sockets come back and the peers reach connected again');
    const before = await iceUfrags(ann);
    execSync(process.env.SC_E2E_RESTART_VIDEO, {stdio: 'inherit'});
    await expectText(ann.page.getByTestId('call-state'), 'Reconnecting');
    // a JVM restart on a loaded two-core machine takes a while
    await ann.page.getByTestId('call-state').filter({hasText: 'In call'}).waitFor({timeout: 120_000});
    await bob.page.getByTestId('call-state').filter({hasText: 'In call'}).waitFor({timeout: 30_000});
    await connectedWithFrames(ann, bob);
    const after = await iceUfrags(ann);
    if (after === before) throw new Error(`no ICE restart after the video-service restart (ufrag still ${after})`);
    log(`  ICE restarted: local ufrag ${before} → ${after}`);
  }

  log('Ann hangs up: the call ends on both sides');
  await ann.page.getByRole('button', {name: 'Hang up'}).click();
  await expectText(ann.page.getByTestId('call-state'), 'Call ended');
  await expectText(bob.page.getByTestId('call-state'), 'Everyone else left');
});

/** Polls each remote tile until its connection is `connected` and it has decoded frames (from getStats()). */
async function connectedWithFrames(...people) {
  const deadline = Date.now() + FRAMES_TIMEOUT_MS;
  let states = [];
  for (;;) {
    states = await Promise.all(people.map(async person => person.page.locator('.tile.remote').evaluateAll(tiles =>
      tiles.map(tile => ({connection: tile.dataset.connection, frames: Number(tile.dataset.framesDecoded)})))));
    if (states.every(tiles => tiles.length > 0 && tiles.every(t => t.connection === 'connected' && t.frames > 0))) {
      log(`  ${people.map((p, i) => `${p.name}: ${states[i].map(t => `${t.connection}, ${t.frames} frames decoded`).join('; ')}`).join(' | ')}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`peers not connected with frames: ${JSON.stringify(states)}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** The ICE username fragment of the local description, which an ICE restart changes. */
async function iceUfrags(person) {
  return person.page.evaluate(() => document.querySelector('.tile.remote')?.dataset.iceUfrag ?? 'unknown');
}
