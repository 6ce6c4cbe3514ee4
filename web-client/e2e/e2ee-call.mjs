// Issue 21: a call in an end-to-end encrypted conversation encrypts its media with SFrame (RFC 9605), keyed from the
// conversation's MLS group, so the media a server in the path could see is ciphertext. In headless Chromium with its
// fake camera and microphone:
// 1. Ann and Bob start an end-to-end encrypted direct conversation and Ann video-calls Bob: the call says "End-to-end
//    encrypted", both peer connections reach `connected` and decode video (getStats() framesDecoded > 0), and every
//    sampled frame on the wire, sent or received, is an SFrame ciphertext (a valid header with the sender's KID for
//    its MLS leaf and epoch) with no codec header in clear after the header, while the same hook sees the codec
//    headers before encryption and after decryption;
// 2. Ann signs in on a second browser: the new device joins the MLS group (a new epoch), both sides of the call move
//    to the new epoch's keys and keep decoding; then the call ends;
// 3. for comparison, Ann video-calls Bob in a plaintext group of the two: the call media worker's test hook (the
//    first bytes of sampled encoded frames, `globalThis.scCallProbe`) sees the VP8 key frame start code (9d 01 2a)
//    on the wire, so the hook does see codec headers where they are in clear.
// Prints the figures. Usage: node e2ee-call.mjs <gateway URL>
import {log, newUser, run, screenshot} from './browser.mjs';
import {createGroup, expectText, open, signIn} from './steps.mjs';
import {annAndBob, connectedWithFrames, framesDecoded, registerAndConfirm} from './call-steps.mjs';
import {inspectSamples} from './sframe-samples.mjs';

/** A new device: it registers, uploads KeyPackages, and a member commits its add after a jittered wait. */
const NEW_EPOCH_TIMEOUT_MS = 120_000;
const PROBE = {frames: 40, samples: []};

run(async context => {
  const {browser, gateway, users} = context;
  const {ann, bob, tag} = await annAndBob(context, 'sframe');
  for (const user of [ann, bob]) await user.page.addInitScript(probe => { globalThis.scCallProbe = probe; }, PROBE);

  log('Ann and Bob register and confirm their addresses');
  await registerAndConfirm(ann, bob);

  log('Ann starts an end-to-end encrypted conversation with Bob; both devices are in its MLS group');
  await startEncryptedChat(ann, bob);
  await open(bob, 'Ann');
  await bob.page.getByTestId('e2ee-history').waitFor();   // joined from the Welcome

  log('Ann video-calls Bob: the call is end-to-end encrypted, connects, and both decode the other’s video');
  await call(ann, bob, 'Bob');
  for (const user of [ann, bob]) await user.page.getByTestId('call-e2ee').waitFor();
  await connectedWithFrames([ann, bob]);
  await screenshot(ann.page, 'e2ee-call');
  const encrypted = inspectSamples(await takeSamples([ann, bob]));
  log(`  ${encrypted.summary}`);
  const {wire, media} = encrypted;
  if (wire.count === 0 || wire.notSFrame > 0) throw new Error(`${wire.notSFrame} of ${wire.count} frames on the wire are not SFrame`);
  if (wire.codecHeaders > 0) throw new Error(`${wire.codecHeaders} frames on the wire show a codec header in clear`);
  if (!(media.keyFramesWithCodecHeader > 0)) throw new Error('the hook saw no key frame header before encryption');
  const epochs = await keyEpochs([ann, bob]);
  log(`  MLS epoch of the media keys: ${epochs.join(', ')}; ${await encryptionFigures([ann, bob])}`);

  log('Ann signs in on a second browser: the device joins the group, a new epoch, and the call moves to its keys');
  const ann2 = await newUser(browser, 'ann2', gateway);
  users.push(ann2);
  await signIn(ann2, ann.email, 'Ann');
  await open(ann2, 'Bob');
  await ann2.page.getByTestId('e2ee-history').waitFor({timeout: NEW_EPOCH_TIMEOUT_MS});
  const rekeyed = await newKeyEpochs([ann, bob], epochs);
  log(`  MLS epoch of the media keys: ${epochs.join(', ')} → ${rekeyed.join(', ')}`);
  await connectedWithFrames([ann, bob], await Promise.all([ann, bob].map(framesDecoded)));
  log(`  ${await encryptionFigures([ann, bob])}`);
  const afterRekey = inspectSamples(await takeSamples([ann, bob]));
  log(`  since then: ${afterRekey.summary}`);
  if (afterRekey.wire.notSFrame > 0 || afterRekey.wire.codecHeaders > 0) throw new Error('clear frames after the rekey');

  await hangUp(ann, bob);

  log('for comparison, a call in a plaintext group of the two: the hook sees the VP8 key frame start code on the wire');
  const plainGroup = `Plain call ${tag}`;
  await createGroup(ann, plainGroup, [bob], false);
  await call(ann, bob, plainGroup);
  await connectedWithFrames([ann, bob]);
  const plain = inspectSamples(await takeSamples([ann, bob]));
  log(`  ${plain.summary}`);
  if (!(plain.wire.keyFramesWithCodecHeader > 0)) throw new Error('the hook saw no codec header in the plaintext call');
  if (await ann.page.getByTestId('call-e2ee').isVisible()) throw new Error('a plaintext call says it is encrypted');
  await hangUp(ann, bob);
});

async function startEncryptedChat(from, to) {
  const form = from.page.locator('form.new-chat', {has: from.page.getByLabel('Start a chat (email)')});
  await form.getByLabel('Start a chat (email)').fill(to.email);
  await form.getByLabel('End-to-end encrypted').check();
  await form.getByRole('button', {name: 'Start chat'}).click();
  await from.page.getByRole('heading', {name: to.displayName}).waitFor();
  await from.page.getByTestId('e2ee-label').waitFor();
}

/** `from` video-calls `to` from the conversation named `name` (as `from` sees it); `to` accepts. */
async function call(from, to, name) {
  await open(from, name);
  await from.page.getByRole('button', {name: 'Video call'}).click();
  const ringing = to.page.getByRole('alertdialog');
  await expectText(ringing, `${from.displayName} is calling (video)`);
  await ringing.getByRole('button', {name: 'Accept'}).click();
}

async function hangUp(from, to) {
  await from.page.getByRole('button', {name: 'Hang up'}).click();
  await expectText(from.page.getByTestId('call-state'), 'Call ended');
  await expectText(to.page.getByTestId('call-state'), 'Everyone else left');
  await to.page.locator('section.call').waitFor({state: 'hidden'});
}

/** The samples the hook took in each page since the last call of this, with the page's name. */
async function takeSamples(people) {
  const taken = await Promise.all(people.map(async person =>
    (await person.page.evaluate(() => globalThis.scCallProbe.samples.splice(0))).map(s => ({...s, person: person.name}))));
  return taken.flat();
}

async function keyEpochs(people) {
  return Promise.all(people.map(person => person.page.locator('section.call').getAttribute('data-key-epoch')));
}

/** Waits until every person's call sends with keys of a later epoch than `before`. */
async function newKeyEpochs(people, before) {
  const deadline = Date.now() + NEW_EPOCH_TIMEOUT_MS;
  for (;;) {
    const now = await keyEpochs(people);
    if (now.every((epoch, i) => Number(epoch) > Number(before[i]))) return now;
    if (Date.now() > deadline) throw new Error(`the call's keys stayed in epoch ${now} (before: ${before})`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

async function encryptionFigures(people) {
  const figures = await Promise.all(people.map(async person => {
    const d = await person.page.locator('section.call').evaluate(stage => ({...stage.dataset}));
    return `${person.name}: ${d.framesEncrypted} frames encrypted, ${d.framesDecrypted} decrypted, ${d.framesDropped} dropped`;
  }));
  return figures.join(' | ');
}
