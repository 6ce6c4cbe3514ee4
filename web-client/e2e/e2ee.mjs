// End-to-end encryption (MLS, docs/e2ee.md) in headless Chromium: three people, four browsers. Ann (two browsers:
// two devices, the second signed in later), Bob and Cat. Ann creates an end-to-end encrypted group by ticking one
// box; every device reads every message, edit, reaction, deletion and poll (all of them encrypted); Ann's second
// device joins later and reads what comes after, not before; a file and a picture are encrypted in the browser and
// every other device decrypts the same bytes (a stored copy altered on its way is refused); Ann removes Cat, whose device is removed from the group
// and cannot decrypt what follows (not even with the group state it kept); the safety numbers two people compare are
// the same on both sides; and a Welcome or a commit altered on its way is refused, with the conversation saying so.
// Every plaintext carries a marker; the markers are printed at the end (`@@plaintext-markers [...]`) so that the
// system test can look for them in databases, S3, logs and Redis, where none may be.
// Usage: node e2ee.mjs <gateway URL>
import {createHash, randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {log, newUser, run, screenshot} from './browser.mjs';
import {
  createGroup, expectText, messageWith, open, register, send, signIn, startChat, verifyEmail,
} from './steps.mjs';

const REFUSED = 'A change to this conversation’s encryption could not be verified and was refused.';

run(async ({browser, gateway, users}) => {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const markers = [];
  const marker = what => {
    const text = `${what}-${tag}-${randomBytes(4).toString('hex')}`;
    markers.push(text);
    return text;
  };
  const ann = await newUser(browser, 'ann', gateway);
  const bob = await newUser(browser, 'bob', gateway);
  const cat = await newUser(browser, 'cat', gateway);
  users.push(ann, bob, cat);
  const tamper = await tamperable(bob);
  const annErrors = socketErrors(ann.page);
  ann.email = `ann-${tag}@example.com`;
  bob.email = `bob-${tag}@example.com`;
  cat.email = `cat-${tag}@example.com`;

  log('three people register and confirm their addresses');
  for (const [user, name] of [[ann, 'Ann'], [bob, 'Bob'], [cat, 'Cat']]) await register(user, name);
  for (const user of [ann, bob, cat]) await verifyEmail(user);
  // a group takes only contacts and people one already shares a conversation with
  await startChat(ann, bob);
  await startChat(ann, cat);

  log('Ann creates an end-to-end encrypted group with Bob and Cat by ticking one box');
  const group = `Secret plans ${tag}`;
  await createGroup(ann, group, [bob, cat], true);
  await ann.page.getByTestId('e2ee-label').waitFor();
  await ann.page.getByTestId('e2ee-history').waitFor();
  for (const user of [bob, cat]) {
    await open(user, group);
    await user.page.getByTestId('e2ee-history').waitFor();   // joined from the Welcome
  }
  await ann.page.getByTestId('key-change').first().waitFor();
  await screenshot(ann.page, 'e2ee-group');

  log('every device reads every message');
  const fromAnn = marker('ann-first');
  const fromBob = marker('bob-reply');
  const fromCat = marker('cat-reply');
  await send(ann, fromAnn);
  await readBy([bob, cat], fromAnn);
  await send(bob, fromBob);
  await readBy([ann, cat], fromBob);
  await send(cat, fromCat);
  await readBy([ann, bob], fromCat);

  log('an edit, a reaction, a deletion and a poll with a vote travel encrypted too');
  const edited = marker('ann-edited');
  await messageWith(ann.page, fromAnn).getByRole('button', {name: 'Edit'}).click();
  await ann.page.getByLabel('Edit message').fill(edited);
  await ann.page.getByRole('button', {name: 'Save'}).click();
  for (const user of [bob, cat]) await expectText(messageWith(user.page, edited), 'edited');
  await messageWith(bob.page, edited).getByRole('button', {name: 'React 👍'}).click();
  for (const user of [ann, cat]) await expectText(messageWith(user.page, edited).locator('.reactions'), '👍 1');
  await messageWith(cat.page, fromCat).getByRole('button', {name: 'Delete'}).click();
  for (const user of [ann, bob]) {
    await user.page.locator('.message.deleted', {hasText: 'This message was deleted.'}).waitFor();
    await gone(user.page, fromCat);
  }
  const question = marker('poll-question');
  const options = [marker('poll-option-a'), marker('poll-option-b')];
  await ann.page.getByRole('button', {name: 'Poll'}).click();
  await ann.page.getByLabel('Question').fill(question);
  await ann.page.getByLabel('Options (one per line)').fill(options.join('\n'));
  await ann.page.getByRole('button', {name: 'Create poll'}).click();
  const pollOf = user => user.page.locator('.poll', {hasText: question});
  await pollOf(bob).getByRole('button', {name: options[1]}).click();
  for (const user of [ann, bob, cat]) {
    await expectText(pollOf(user).locator('li', {hasText: options[1]}).locator('.votes'), '1 vote');
  }

  log('Ann and Bob compare safety numbers: the same 60 digits on both sides');
  const annSees = await safetyNumber(ann, 'Bob');
  const bobSees = await safetyNumber(bob, 'Ann');
  if (annSees !== bobSees || !/^(\d{5} ){11}\d{5}$/.test(annSees)) throw new Error(`safety numbers differ: ${annSees} / ${bobSees}`);
  await screenshot(ann.page, 'e2ee-verify');

  log('Ann signs in on a second browser: the new device is added to the group, reads what follows and not before');
  const ann2 = await newUser(browser, 'ann2', gateway);
  users.push(ann2);
  await signIn(ann2, ann.email, 'Ann');
  await open(ann2, group);
  await expectText(ann2.page.getByTestId('e2ee-history'), 'Earlier messages');
  for (const user of [bob, cat]) await user.page.getByTestId('key-change').filter({hasText: 'Ann: a device was added'}).waitFor();
  const afterJoin = marker('bob-after-ann2-joined');
  await send(bob, afterJoin);
  await readBy([ann2, ann, cat], afterJoin);
  const fromAnn2 = marker('ann2-second-device');
  await send(ann2, fromAnn2);
  await readBy([ann, bob, cat], fromAnn2);
  for (const earlier of [edited, fromBob]) await gone(ann2.page, earlier);
  await screenshot(ann2.page, 'e2ee-second-device');

  log('Bob attaches a file: encrypted in his browser, every other device decrypts the same bytes under its real name');
  const fileName = `${marker('file-name')}.txt`;
  const fileBytes = Buffer.from(`Minutes of the meeting\n${marker('file-content')}\n`);
  await bob.page.getByLabel('Attach a file').setInputFiles({name: fileName, mimeType: 'text/plain', buffer: fileBytes});
  const fileId = await bob.page.locator('button.download', {hasText: fileName}).getAttribute('data-file-id', {timeout: 30_000});
  const stored = await bob.page.evaluate(async id => (await import('/app/api.js')).get(`/api/v1/files/${id}`), fileId);
  if (stored.name !== 'encrypted.bin' || stored.contentType !== 'application/octet-stream' || !stored.encrypted
      || stored.size !== fileBytes.length + 16) {
    throw new Error(`storage-service holds more than ciphertext: ${JSON.stringify(stored)}`);
  }
  log('  a stored copy altered on its way to Cat is refused, and says so');
  await alterDownloads(cat);
  await downloadButton(cat, fileName).click();
  await expectText(cat.page.locator('.attachment', {has: downloadButton(cat, fileName)}).locator('.error'),
    'could not be decrypted');
  await cat.context.unroute(isS3Get);
  for (const user of [ann, ann2, cat]) {
    await expectText(downloadButton(user, fileName), `(${fileBytes.length} B)`);
    const received = await downloaded(user, fileName);
    if (sha256(received) !== sha256(fileBytes) || !received.equals(fileBytes)) {
      throw new Error(`${user.name} decrypted ${received.length} bytes with sha256 ${sha256(received)}, sent ${sha256(fileBytes)}`);
    }
  }
  log(`  ${fileBytes.length} bytes (${stored.size} stored), the same SHA-256 on three devices`);
  const pictureName = `${marker('picture-name')}.png`;
  await ann2.page.getByLabel('Attach a file').setInputFiles({name: pictureName, mimeType: 'image/png', buffer: PNG});
  for (const user of [ann, bob, cat]) {
    const picture = user.page.getByRole('img', {name: pictureName});
    await picture.waitFor();
    const width = await picture.evaluate(img => img.complete ? img.naturalWidth : 0);
    if (width !== 8) throw new Error(`the decrypted picture is ${width} px wide for ${user.name}, sent 8`);
  }
  await screenshot(cat.page, 'e2ee-files');

  log('Ann removes Cat: the next message goes to a group without Cat’s device, which cannot decrypt it');
  const conversationId = await ann.page.locator('.conversation', {hasText: group}).getAttribute('data-id');
  const catId = await userId(cat);
  const catsState = await keptGroupState(cat, catId, conversationId);
  if (!catsState) throw new Error('Cat keeps no group state to try with');
  // Ann's device is made to miss the stale leaf when it reconciles (its GET …/mls answers without it) and the other
  // devices cannot commit meanwhile: the server refuses the message (MLS_GROUP_STALE), Ann's device reconciles for
  // real (removing Cat's leaf) and sends the same text again, encrypted for the new epoch, stored once
  const hidden = await hideStaleLeaves(ann, annErrors);
  for (const user of [bob, ann2]) await user.context.route('**/mls/commits', route => route.abort());
  await answerPrompt(ann.page, cat.email, () => ann.page.getByRole('button', {name: 'Remove member'}).click());
  const afterRemoval = marker('ann-after-cat-removed');
  await send(ann, afterRemoval);
  await readBy([bob, ann2], afterRemoval);
  if (!annErrors.includes('MLS_GROUP_STALE') || hidden.count === 0) {
    throw new Error(`no MLS_GROUP_STALE refusal (errors ${annErrors}, hidden ${hidden.count})`);
  }
  if (await messageWith(bob.page, afterRemoval).count() !== 1) throw new Error('the resent message shows more than once');
  await ann.context.unroute(/\/mls$/);
  for (const user of [bob, ann2]) await user.context.unroute('**/mls/commits');
  await bob.page.getByTestId('key-change').filter({hasText: 'Cat: a device was removed'}).waitFor();
  await cat.page.locator('.conversation', {hasText: group}).waitFor({state: 'detached'});
  await gone(cat.page, afterRemoval, 2_000);
  const ciphertext = await bodyOf(bob, conversationId, afterRemoval);
  const attempt = await tryDecrypt(cat, catsState, ciphertext);
  if (!attempt.startsWith('refused')) throw new Error(`Cat's kept group state decrypted a message sent after removal: ${attempt}`);
  log(`  Cat's kept state, given the ciphertext: ${attempt}`);

  log('Bob reloads: what his device decrypted once is still shown (MLS keys are single-use; the plaintext is kept)');
  await bob.page.reload();
  await open(bob, group);
  await readBy([bob], afterRemoval);
  await readBy([bob], edited);

  log('a Welcome altered on its way to Bob is refused, and the conversation says so');
  tamper.welcomes = true;
  const tampered = `Tampered welcome ${tag}`;
  await createGroup(ann, tampered, [bob], true);
  await open(bob, tampered);
  await expectText(bob.page.getByTestId('e2ee-refused'), REFUSED);
  await screenshot(bob.page, 'e2ee-welcome-refused');
  tamper.welcomes = false;

  log('a commit altered on its way to Bob is refused, and the conversation says so');
  const second = `Tampered commit ${tag}`;
  await createGroup(ann, second, [bob], true);
  await open(bob, second);
  await bob.page.getByTestId('e2ee-history').waitFor();
  tamper.commits = true;
  await bob.context.route('**/mls/commits', route => route.abort());   // so that Ann's device makes the commit
  await answerPrompt(ann.page, cat.email, () => ann.page.getByRole('button', {name: 'Add member'}).click());
  await expectText(bob.page.getByTestId('e2ee-refused'), REFUSED);
  await screenshot(bob.page, 'e2ee-commit-refused');
  await bob.context.unroute('**/mls/commits');
  tamper.commits = false;

  log('Ann signs out on her second browser: its keys, group states and plaintexts are deleted from the browser');
  const ann2Id = await userId(ann2);
  await ann2.page.getByRole('button', {name: 'Sign out'}).click();
  await ann2.page.getByRole('heading', {name: 'Sign in to SecureConnect'}).waitFor();
  const left = await ann2.page.evaluate(async () => (await indexedDB.databases()).map(d => d.name));
  if (left.includes(`sc-e2ee-${ann2Id}`)) throw new Error(`the e2ee store survived sign-out: ${left}`);
  log('the server dropped that device with the session: a member’s device removes it from the group by a commit');
  await open(bob, group);
  await bob.page.getByTestId('key-change').filter({hasText: 'Ann: a device was removed'}).waitFor();
  const lastWord = marker('bob-after-ann2-signed-out');
  await send(bob, lastWord);
  await open(ann, group);
  await readBy([ann], lastWord);

  log('a second tab of Bob’s browser leaves the encryption to the first (one set of keys, one tab using it)');
  const tab = {name: 'bob-tab2', context: bob.context, page: await bob.context.newPage()};
  await signIn(tab, bob.email, 'Bob');
  await open(tab, group);
  await expectText(tab.page.locator('.notice.error'), 'open in another tab of this browser');
  await tab.page.close();

  console.log(`@@plaintext-markers ${JSON.stringify(markers)}`);
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQxfRCVxJR3MlncBN9JVSfLSfFo5CuBApfV0PQXAqnNlgYU8FBv9PFOrYsHAqnHgAAAD//xyztnwAAAAGSURBVAMAoYkegeOvuWgAAAAASUVORK5CYII=',
  'base64');

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

function downloadButton(user, name) {
  return user.page.locator('button.download', {hasText: name});
}

/** Clicks the file's download button and answers the bytes the browser saved, under the name it was sent with. */
async function downloaded(user, name) {
  const [download] = await Promise.all([user.page.waitForEvent('download'), downloadButton(user, name).click()]);
  if (download.suggestedFilename() !== name) throw new Error(`${user.name} saved the file as ${download.suggestedFilename()}`);
  return readFile(await download.path());
}

/** A presigned S3 download (the API hands out the URL; the bytes come straight from S3). */
const isS3Get = url => url.searchParams.has('X-Amz-Signature');

/** Flips one byte of every file the user's browser downloads from S3 (until unrouted). */
async function alterDownloads(user) {
  await user.context.route(isS3Get, async route => {
    if (route.request().method() !== 'GET') return route.fallback();
    const response = await route.fetch();
    const body = await response.body();
    body[body.length >> 1] ^= 0x01;
    return route.fulfill({response, body});
  });
}


async function readBy(readers, text) {
  for (const user of readers) await messageWith(user.page, text).waitFor();
}

/** The text is nowhere in the page (after `settle` ms for anything on its way). */
async function gone(page, text, settle = 0) {
  if (settle) await page.waitForTimeout(settle);
  if ((await page.locator('body').textContent()).includes(text)) throw new Error(`${text} is shown`);
}

async function safetyNumber(user, name) {
  await user.page.getByTestId('e2ee-label').getByRole('button', {name: 'Verify'}).click();
  const number = user.page.locator('[data-testid=verify-panel] .member', {hasText: name}).getByTestId('safety-number');
  const text = (await number.innerText()).replace(/\s+/g, ' ').trim();
  await user.page.getByTestId('e2ee-label').getByRole('button', {name: 'Verify'}).click();
  return text;
}

/** Answers the next prompt() with `text` (the browser helper accepts every other dialog as it comes). */
async function answerPrompt(page, text, action) {
  const defaults = page.listeners('dialog');
  page.removeAllListeners('dialog');
  page.once('dialog', dialog => dialog.accept(text));
  try {
    await action();
    await page.waitForTimeout(500);
  } finally {
    defaults.forEach(listener => page.on('dialog', listener));
  }
}

function userId(user) {
  return user.page.evaluate(async () => (await (await import('/app/api.js')).get('/api/v1/users/me')).id);
}

/** The encoded MLS group state the browser keeps for a conversation (base64), read from its IndexedDB. */
function keptGroupState(user, id, conversationId) {
  return user.page.evaluate(async ([userId, conversation]) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(`sc-e2ee-${userId}`);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const group = await new Promise((resolve, reject) => {
      const get = db.transaction('groups').objectStore('groups').get(conversation);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    });
    db.close();
    return group?.state ? btoa(String.fromCharCode(...group.state)) : null;
  }, [id, conversationId]);
}

/** The ciphertext (message body) of the message whose plaintext the reader decrypted as `text`. */
async function bodyOf(reader, conversationId, text) {
  const seq = Number(await messageWith(reader.page, text).getAttribute('data-seq'));
  return reader.page.evaluate(async ([conversation, at]) => {
    const {get} = await import('/app/api.js');
    const page = await get(`/api/v1/conversations/${conversation}/messages?after=${at - 1}&limit=1`);
    return page.items[0].body;
  }, [conversationId, seq]);
}

/** Gives a kept group state the ciphertext, with the app's own MLS code: 'refused: …' or what it decrypted to. */
function tryDecrypt(user, state, ciphertext) {
  return user.page.evaluate(async ([kept, body]) => {
    const mls = await import('/app/e2ee/mls.js');
    const {emptyPskIndex, processMessage} = await import('ts-mls');
    const bytes = Uint8Array.from(atob(kept), c => c.charCodeAt(0));
    const groupState = mls.loadState(bytes, mls.clientConfig({validateCredential: async () => true}));
    try {
      const result = await processMessage(mls.decodeMessage(body), groupState, emptyPskIndex, () => 'accept', await mls.suite());
      return `decrypted: ${result.kind} ${result.message ? new TextDecoder().decode(result.message) : ''}`;
    } catch (e) {
      return `refused: ${e.message}`;
    }
  }, [state, ciphertext]);
}

/** The codes of the error frames the page's chat socket gets. */
function socketErrors(page) {
  const codes = [];
  page.on('websocket', socket => socket.on('framereceived', ({payload}) => {
    if (typeof payload === 'string' && payload.includes('"error"')) {
      const frame = JSON.parse(payload);
      if (frame.type === 'error') codes.push(frame.code);
    }
  }));
  return codes;
}

/** The user's GET …/mls answers leave out the stale leaves until the socket said MLS_GROUP_STALE once. */
async function hideStaleLeaves(user, errors) {
  const hidden = {count: 0};
  await user.context.route(/\/mls$/, async route => {
    if (route.request().method() !== 'GET' || errors.includes('MLS_GROUP_STALE')) return route.fallback();
    const response = await route.fetch();
    const json = await response.json();
    hidden.count += json.staleLeaves?.length ?? 0;
    return route.fulfill({response, json: {...json, staleLeaves: []}});
  });
  return hidden;
}

/**
 * Puts an attacker between the user's browser and the server: with `welcomes` or `commits` switched on, one byte of
 * every Welcome (mls.welcome frames and GET …/welcomes) or commit (mls_commit messages, live and fetched) that
 * reaches the browser is flipped.
 */
async function tamperable(user) {
  const switches = {welcomes: false, commits: false};
  await user.context.routeWebSocket(/\/ws\/chat/, ws => {
    const server = ws.connectToServer();
    ws.onMessage(message => server.send(message));
    server.onMessage(message => ws.send(typeof message === 'string' ? tamperFrame(message, switches) : message));
    ws.onClose((code, reason) => server.close({code, reason}));
    server.onClose((code, reason) => ws.close({code, reason}));
  });
  await user.context.route(url => /\/welcomes$|\/messages$/.test(url.pathname), async route => {
    if (route.request().method() !== 'GET' || !(switches.welcomes || switches.commits)) return route.fallback();
    const response = await route.fetch();
    const json = await response.json();
    for (const welcome of json.welcomes ?? []) if (switches.welcomes) welcome.welcome = flip(welcome.welcome);
    for (const message of json.items ?? []) {
      if (switches.commits && message.type === 'mls_commit' && message.body) message.body = flip(message.body);
    }
    return route.fulfill({response, json});
  });
  return switches;
}

function tamperFrame(text, switches) {
  const frame = JSON.parse(text);
  if (switches.welcomes && frame.type === 'mls.welcome') frame.welcome = flip(frame.welcome);
  else if (switches.commits && frame.type === 'message' && frame.message?.type === 'mls_commit') frame.message.body = flip(frame.message.body);
  else return text;
  return JSON.stringify(frame);
}

function flip(base64) {
  const bytes = Buffer.from(base64, 'base64');
  bytes[bytes.length - 5] ^= 0x01;
  return bytes.toString('base64');
}
