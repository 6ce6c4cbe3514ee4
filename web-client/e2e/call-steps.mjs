// What the call scenarios (call.mjs, call-recovery.mjs, e2ee-call.mjs) share: the two people, and what they check
// of a running call, read from the remote tiles that ui/call.js keeps up to date from getStats().
import {randomBytes} from 'node:crypto';
import {log, newUser} from './browser.mjs';
import {register, verifyEmail} from './steps.mjs';

export const FRAMES_TIMEOUT_MS = 60_000;

/**
 * Ann (desktop-sized) and Bob (narrower), each in a browser profile of their own, with fresh addresses tagged with
 * the scenario and a random `tag` (for names of the scenario's own); not registered yet (a scenario may add init
 * scripts first).
 */
export async function annAndBob({browser, gateway, users}, scenario) {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const ann = await newUser(browser, 'ann', gateway);
  const bob = await newUser(browser, 'bob', gateway, {width: 900, height: 760});
  users.push(ann, bob);
  ann.email = `ann-${scenario}-${tag}@example.com`;
  bob.email = `bob-${scenario}-${tag}@example.com`;
  return {ann, bob, tag};
}

/** Both register and confirm their addresses from the mailed links. */
export async function registerAndConfirm(ann, bob) {
  await register(ann, 'Ann');
  await register(bob, 'Bob');
  await verifyEmail(ann);
  await verifyEmail(bob);
}

/**
 * Polls each person's remote tiles until every one is `connected` with more video frames decoded than
 * `framesBefore` says for that person (none, by default).
 */
export async function connectedWithFrames(people, framesBefore = people.map(() => 0)) {
  const deadline = Date.now() + FRAMES_TIMEOUT_MS;
  for (;;) {
    const states = await Promise.all(people.map(person => person.page.locator('.tile.remote').evaluateAll(tiles =>
      tiles.map(tile => ({connection: tile.dataset.connection, frames: Number(tile.dataset.framesDecoded),
        // where a stalled negotiation stopped: the signaling state, and whether a local description exists
        signaling: tile.dataset.signaling, ufrag: tile.dataset.iceUfrag, candidates: tile.dataset.candidates,
        iceRestarts: Number(tile.dataset.iceRestarts ?? 0), resets: Number(tile.dataset.resets ?? 0),
        events: tile.dataset.events})))));
    if (states.every((tiles, i) => tiles.length > 0
        && tiles.every(t => t.connection === 'connected' && t.frames > framesBefore[i]))) {
      log(`  ${people.map((p, i) => `${p.name}: ${states[i].map(t => `${t.connection}, ${t.frames} video frames decoded${recovery(t)}`).join('; ')}`).join(' | ')}`);
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`peers not connected with frames: ${JSON.stringify(states.map((tiles, i) => ({[people[i].name]: tiles})), null, 1)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Video frames decoded so far from the (one) other person. */
export async function framesDecoded(person) {
  return person.page.evaluate(() => Number(document.querySelector('.tile.remote')?.dataset.framesDecoded ?? 0));
}

/** ` (after 1 ICE restart and 1 reset)`: how a tile's connection recovered from a stall, if it had to. */
function recovery({iceRestarts, resets}) {
  const steps = [iceRestarts && `${iceRestarts} ICE restart${iceRestarts > 1 ? 's' : ''}`,
    resets && `${resets} reset${resets > 1 ? 's' : ''}`].filter(Boolean);
  return steps.length ? ` (after ${steps.join(' and ')})` : '';
}
