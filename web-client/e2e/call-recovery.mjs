// End to end in headless Chromium: a call whose signaling loses every ICE candidate, as a lossy path between a
// browser and the video service might, still connects. Both browsers' call sockets go through Playwright, which drops
// each `signal` frame that carries a candidate, in both directions, until one side sends `{reset: true}`. So the two
// peer connections are negotiated (offer and answer get through) but can never connect: the impolite side restarts
// ICE after 10 s, twice, to no avail, then resets; both sides open new peer connections, whose candidates get
// through, and reach `connected` with video decoded. Each tile's event log (data-events) shows the ladder.
// Usage: node call-recovery.mjs <gateway URL>
import {log, run} from './browser.mjs';
import {expectText, send, startChat} from './steps.mjs';
import {annAndBob, connectedWithFrames, registerAndConfirm} from './call-steps.mjs';

run(async context => {
  const {ann, bob} = await annAndBob(context, 'recovery');

  log('Ann and Bob register and confirm their addresses; Ann opens a conversation with Bob');
  await registerAndConfirm(ann, bob);
  await startChat(ann, bob);
  await send(ann, 'Can you hear me?');

  log('their call sockets lose every ICE candidate until a reset');
  const path = {dropped: 0, reset: null};
  for (const person of [ann, bob]) await loseCandidatesUntilReset(person, path);

  log('Ann starts a video call and Bob accepts; ICE restarts do not help, the reset does');
  await ann.page.getByRole('button', {name: 'Video call'}).click();
  const ringing = bob.page.getByRole('alertdialog');
  await expectText(ringing, 'Ann is calling (video)');
  await ringing.getByRole('button', {name: 'Accept'}).click();
  await connectedWithFrames([ann, bob]);
  log(`  ${path.dropped} candidates lost before ${path.reset} reset the call`);

  const tiles = await Promise.all([ann, bob].map(person => person.page.locator('.tile.remote').evaluate(tile =>
    ({resets: tile.dataset.resets, events: tile.dataset.events ?? ''}))));
  const resetter = path.reset === 'ann' ? 0 : 1;
  if (!path.reset || tiles.some(tile => tile.resets !== '1')) {
    throw new Error(`expected one reset on both sides, by one of them: ${JSON.stringify({reset: path.reset, tiles})}`);
  }
  if (!tiles[resetter].events.includes('reset after 2 ICE restarts')
      || !tiles[1 - resetter].events.includes('reset by the other side')) {
    throw new Error(`the tiles do not tell the reset: ${JSON.stringify(tiles)}`);
  }
  log(`  ${path.reset}: "${tiles[resetter].events.split('; ')[0]}", the other: "${tiles[1 - resetter].events.split('; ')[0]}"`);

  log('Ann hangs up: the call ends on both sides');
  await ann.page.getByRole('button', {name: 'Hang up'}).click();
  await expectText(bob.page.getByTestId('call-state'), 'Everyone else left');
});

/**
 * Routes the person's call socket through Playwright: the frames pass unchanged both ways, except `signal` frames
 * with a candidate, which are dropped (either way) until a `reset` signal has gone out from either person.
 */
async function loseCandidatesUntilReset(person, path) {
  const carriesCandidate = message => {
    const frame = parse(message);
    return frame?.type === 'signal' && frame.data && 'candidate' in frame.data && !path.reset;
  };
  await person.page.routeWebSocket(/\/ws\/calls/, socket => {
    const server = socket.connectToServer();
    socket.onMessage(message => {
      if (parse(message)?.data?.reset) path.reset ??= person.name;
      if (carriesCandidate(message)) path.dropped++;
      else server.send(message);
    });
    server.onMessage(message => {
      if (carriesCandidate(message)) path.dropped++;
      else socket.send(message);
    });
  });
}

function parse(message) {
  try {
    return typeof message === 'string' ? JSON.parse(message) : null;
  } catch {
    return null;
  }
}
