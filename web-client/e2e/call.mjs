// End to end in headless Chromium with its fake camera and microphone: Ann video-calls Bob from their conversation,
// Bob's browser rings and he accepts, and both peer connections reach `connected` with video frames decoded
// (getStats(), shown on each tile). Mute, camera-off and screen sharing reach the other side. When video-service
// can be crashed and restarted (by system-tests' WebClientIT, or SC_E2E_RESTART_VIDEO: see browser.mjs), both
// browsers show "Reconnecting…", rejoin the call once it is back, restart ICE and reach `connected` again with
// more frames decoded. Hanging up ends the call for both. Usage: node call.mjs <gateway URL>
import {canRestart, crashAndRestart, log, run, screenshot} from './browser.mjs';
import {expectText, send, startChat} from './steps.mjs';
import {annAndBob, connectedWithFrames, FRAMES_TIMEOUT_MS, framesDecoded, registerAndConfirm} from './call-steps.mjs';

/** From video-service ready again to both calls rejoined: the sockets' backoff waits up to 30 s between attempts. */
const REJOIN_TIMEOUT_MS = 90_000;

run(async context => {
  const {ann, bob} = await annAndBob(context, 'call');

  log('Ann and Bob register and confirm their addresses; Ann opens a conversation with Bob');
  await registerAndConfirm(ann, bob);
  await startChat(ann, bob);
  await send(ann, 'Can I call you?');

  log('Ann starts a video call; Bob’s browser rings and he accepts');
  await ann.page.getByRole('button', {name: 'Video call'}).click();
  const ringing = bob.page.getByRole('alertdialog');
  await expectText(ringing, 'Ann is calling (video)');
  await screenshot(bob.page, 'incoming-call');
  await ringing.getByRole('button', {name: 'Accept'}).click();

  log('both peer connections reach connected and decode the other’s video');
  await connectedWithFrames([ann, bob]);
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

  if (canRestart('video-service')) {
    log('video-service crashes (SIGKILL) and starts again: both show "Reconnecting…", rejoin, restart ICE, and'
        + ' reach connected again with video still decoded');
    const ufragsBefore = await Promise.all([ann, bob].map(iceUfrag));
    const restarted = crashAndRestart('video-service');
    await expectText(ann.page.getByTestId('call-state'), 'Reconnecting');
    await expectText(bob.page.getByTestId('call-state'), 'Reconnecting');
    await screenshot(ann.page, 'call-reconnecting');
    await restarted;
    for (const person of [ann, bob]) {
      await person.page.getByTestId('call-state').filter({hasText: 'In call'}).waitFor({timeout: REJOIN_TIMEOUT_MS});
      log(`  ${person.name} rejoined the call`);
    }
    const ufragsAfter = await iceRestarted([ann, bob], ufragsBefore);
    log(`  ICE restarted and negotiated: ufrags ${ufragsBefore.join(', ')} → ${ufragsAfter.join(', ')}`);
    await connectedWithFrames([ann, bob], await Promise.all([ann, bob].map(framesDecoded)));
    await screenshot(bob.page, 'call-resumed');
  }

  log('Ann hangs up: the call ends on both sides');
  await ann.page.getByRole('button', {name: 'Hang up'}).click();
  await expectText(ann.page.getByTestId('call-state'), 'Call ended');
  await expectText(bob.page.getByTestId('call-state'), 'Everyone else left');
});

/** The ICE username fragment of the local description, which an ICE restart changes. */
async function iceUfrag(person) {
  return person.page.evaluate(() => document.querySelector('.tile.remote')?.dataset.iceUfrag ?? 'unknown');
}

/** Waits until each person's ICE session changed and the offer/answer that changed it is complete. */
async function iceRestarted(people, ufragsBefore) {
  const deadline = Date.now() + FRAMES_TIMEOUT_MS;
  for (;;) {
    const now = await Promise.all(people.map(person => person.page.evaluate(() => {
      const tile = document.querySelector('.tile.remote');
      return {ufrag: tile?.dataset.iceUfrag ?? 'unknown', signaling: tile?.dataset.signaling};
    })));
    if (now.every((state, i) => state.ufrag !== ufragsBefore[i] && state.signaling === 'stable')) return now.map(s => s.ufrag);
    if (Date.now() > deadline) throw new Error(`no ICE restart: before ${ufragsBefore}, now ${JSON.stringify(now)}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

