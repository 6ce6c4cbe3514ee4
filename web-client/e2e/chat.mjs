// End to end in headless Chromium: two people, each in their own browser context, register, start a direct
// conversation, chat both ways, see typing, read receipts, presence and unread counts, edit and delete a message,
// send a file that arrives byte for byte, meet in a group with a poll and a mention, write 60 lines in a burst (the
// client paces its frames, so none is refused for rate), page back through history after a reload, and sign out.
// When chat-service can be restarted (SC_E2E_RESTARTS or SC_E2E_RESTART_CHAT, see browser.mjs), a message written
// while it is down must arrive once it is back.
// Usage: node chat.mjs <gateway URL>
import {createHash, randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {canRestart, crashAndRestart, log, newUser, run, screenshot} from './browser.mjs';
import {expectNoText, expectText, messageWith, register, send, startChat, verifyEmail} from './steps.mjs';

run(async ({browser, gateway, users}) => {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const ann = await newUser(browser, 'ann', gateway);
  const bob = await newUser(browser, 'bob', gateway, {width: 390, height: 780}); // a phone-sized screen
  users.push(ann, bob);
  ann.chatFrames = await watchChatSocket(ann.page);
  ann.email = `ann-${tag}@example.com`;
  bob.email = `bob-${tag}@example.com`;

  log('both register (and are signed in at once, before verifying their email, able to read but not write)');
  await ann.page.goto('/');
  await screenshot(ann.page, 'sign-in');
  await register(ann, 'Ann', 'register');
  await register(bob, 'Bob');
  await expectText(ann.page.getByTestId('verification-hint'), ann.email);
  await expectText(bob.page.getByTestId('verification-hint'), '.secureconnect/mail/');

  log('both open the confirmation link from their mail: only a verified address starts conversations and writes');
  await verifyEmail(ann);
  await verifyEmail(bob);

  log('Ann starts a direct conversation with Bob by his email and writes first');
  await startChat(ann, bob);
  await send(ann, 'Hi Bob! Lunch today?');

  log('Bob sees the conversation with one unread message and Ann online, opens it and reads');
  const bobsEntry = bob.page.locator('.conversation', {hasText: 'Ann'});
  await expectText(bobsEntry.locator('.badge'), '1');
  await bobsEntry.locator('.dot.online').waitFor();
  await screenshot(bob.page, 'phone-conversation-list');
  await bobsEntry.click();
  await messageWith(bob.page, 'Hi Bob! Lunch today?').waitFor();

  log('Ann sees her message read, and Bob online');
  await expectText(messageWith(ann.page, 'Hi Bob! Lunch today?').getByTestId('receipt'), 'Read');
  await expectText(ann.page.getByTestId('presence'), 'online');

  log('Bob types: Ann sees it, then gets his answer and he sees it read');
  await bob.page.getByLabel('Message', {exact: true}).pressSequentially('Sure, 12:30', {delay: 30});
  await expectText(ann.page.getByTestId('typing'), 'Bob is typing');
  await bob.page.getByLabel('Message', {exact: true}).press('Enter');
  await messageWith(ann.page, 'Sure, 12:30').waitFor();
  await expectText(messageWith(bob.page, 'Sure, 12:30').getByTestId('receipt'), 'Read');
  await expectNoText(ann.page.getByTestId('typing'), 'typing');

  log('Ann edits her first message; Bob sees the new text');
  const first = messageWith(ann.page, 'Hi Bob! Lunch today?');
  await first.getByRole('button', {name: 'Edit'}).click();
  await ann.page.getByLabel('Edit message').fill('Hi Bob! Lunch today at noon?');
  await ann.page.getByRole('button', {name: 'Save'}).click();
  await expectText(messageWith(bob.page, 'Hi Bob! Lunch today at noon?'), 'edited');

  log('Bob reacts to it; Ann sees the reaction');
  await messageWith(bob.page, 'Hi Bob! Lunch today at noon?').getByRole('button', {name: 'React 👍'}).click();
  await expectText(messageWith(ann.page, 'Hi Bob! Lunch today at noon?').locator('.reactions'), '👍 1');

  log('Ann sends and deletes a message; Bob sees it deleted');
  await send(ann, 'Oops, wrong chat');
  await messageWith(bob.page, 'Oops, wrong chat').waitFor();
  await messageWith(ann.page, 'Oops, wrong chat').getByRole('button', {name: 'Delete'}).click();
  await bob.page.locator('.message.deleted', {hasText: 'This message was deleted.'}).waitFor();
  await expectNoText(bob.page.locator('.messages'), 'Oops, wrong chat');

  log('Ann sends a file (presigned upload); Bob downloads identical bytes');
  const bytes = randomBytes(300 * 1024 + 17);
  await ann.page.getByLabel('Attach a file').setInputFiles({name: 'menu.bin', mimeType: 'application/octet-stream', buffer: bytes});
  const attachment = bob.page.locator('button.download', {hasText: 'menu.bin'});
  await attachment.waitFor();
  const [download] = await Promise.all([bob.page.waitForEvent('download'), attachment.click()]);
  const received = await readFile(await download.path());
  if (sha256(received) !== sha256(bytes)) {
    throw new Error(`downloaded ${received.length} bytes with sha256 ${sha256(received)}, sent ${bytes.length} with ${sha256(bytes)}`);
  }
  log(`  ${received.length} bytes, sha256 ${sha256(received).slice(0, 16)}… on both sides; suggested name ${download.suggestedFilename()}`);

  log('Ann sends a picture: Bob sees it inline');
  await ann.page.getByLabel('Attach a file').setInputFiles({name: 'dot.png', mimeType: 'image/png', buffer: PNG});
  const picture = bob.page.getByRole('img', {name: 'dot.png'});
  await picture.waitFor();
  const width = await picture.evaluate(img => img.complete ? img.naturalWidth : 0);
  if (width !== 8) throw new Error(`the inline picture is ${width} px wide, sent 8`);
  await screenshot(ann.page, 'conversation');
  await screenshot(bob.page, 'phone-conversation');

  log('Ann creates a group with Bob; it shows up in Bob’s list with the unread message');
  await ann.page.getByText('New group').click();
  await ann.page.getByLabel('Group name').fill('Lunch club');
  await ann.page.getByLabel('Members (emails, comma-separated)').fill(bob.email);
  await ann.page.getByRole('button', {name: 'Create group'}).click();
  await ann.page.getByRole('heading', {name: 'Lunch club'}).waitFor();
  await send(ann, 'Welcome to the club');
  await bob.page.getByRole('button', {name: 'Back to conversations'}).click();
  const group = bob.page.locator('.conversation', {hasText: 'Lunch club'});
  await expectText(group.locator('.badge'), '1');
  await group.click();
  await messageWith(bob.page, 'Welcome to the club').waitFor();

  log('Ann asks the group in a poll; Bob votes and Ann sees the live count');
  await ann.page.getByRole('button', {name: 'Poll', exact: true}).click();
  await ann.page.getByLabel('Question').fill('Where shall we eat?');
  await ann.page.getByLabel('Options (one per line)').fill('Pizza\nSushi');
  await ann.page.getByRole('button', {name: 'Create poll'}).click();
  const bobsPoll = bob.page.locator('.poll', {hasText: 'Where shall we eat?'});
  await bobsPoll.getByRole('button', {name: 'Sushi'}).click();
  await expectText(ann.page.locator('.poll li', {hasText: 'Sushi'}), '1 vote');
  await screenshot(ann.page, 'group-with-poll');

  log('Ann mentions Bob: he sees his name, and the mention in his notification inbox');
  await send(ann, '@Bob are you in?');
  await messageWith(bob.page, '@Bob are you in?').waitFor();
  await expectText(bob.page.getByRole('button', {name: /Notifications/}).locator('.badge'), '1');
  await bob.page.getByRole('button', {name: /Notifications/}).click();
  await expectText(bob.page.getByRole('region', {name: 'Notifications'}), 'Ann mentioned you');
  await screenshot(bob.page, 'phone-notifications');
  await bob.page.getByRole('button', {name: /Notifications/}).click();

  log('Ann sends 60 lines in one go (typing and Enter, as fast as the page takes them): they show as "Sending…"'
      + ' until acknowledged, her client paces its frames, and none is refused for rate');
  const lines = Array.from({length: 60}, (_, n) => `Line ${n + 1}`);
  await ann.page.getByLabel('Message', {exact: true}).evaluate((box, all) => {
    for (const line of all) {
      box.value = line;
      box.dispatchEvent(new Event('input', {bubbles: true}));
      box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
    }
  }, lines);
  await ann.page.locator('.message.pending').first().waitFor();
  const stillSending = await ann.page.locator('.message.pending').count();
  await screenshot(ann.page, 'sending');
  await messageWith(ann.page, 'Line 60').getByTestId('receipt').waitFor({timeout: 60_000});
  await ann.page.locator('.message.pending').first().waitFor({state: 'detached'});
  await expectLinesInOrder(ann.page, lines);
  log(`  ${stillSending} lines shown as "Sending…" at one point; ${await ann.chatFrames.describe()}`);
  await ann.chatFrames.expectPacedAndNoneRefused();

  log('Bob reloads (still signed in), sees the newest line, and scrolls up to the oldest');
  await bob.page.reload();
  await bob.page.locator('.conversation', {hasText: 'Lunch club'}).click();
  await messageWith(bob.page, 'Line 60').waitFor();
  if (await messageWith(bob.page, 'Line 1').count() !== 0) throw new Error('the whole history was loaded at once');
  for (let tries = 0; await messageWith(bob.page, 'Line 1').count() === 0; tries++) {
    if (tries > 100) throw new Error('scrolling up never reached the oldest line');
    await bob.page.locator('.messages').evaluate(list => list.scrollTo(0, 0));
    await bob.page.waitForTimeout(200);
  }
  await expectLinesInOrder(bob.page, lines);
  await screenshot(bob.page, 'phone-history');

  if (canRestart('chat-service')) {
    log('chat-service restarts: both see "Reconnecting…"; what Ann writes meanwhile reaches Bob once it is back');
    await crashAndRestart('chat-service');
    await expectText(bob.page.getByRole('status'), 'Reconnecting');
    await screenshot(bob.page, 'phone-reconnecting');
    const box = ann.page.getByLabel('Message', {exact: true});
    await box.fill('Are you back?');
    await box.press('Enter');
    await messageWith(bob.page, 'Are you back?').waitFor({timeout: 150_000});
    await messageWith(ann.page, 'Are you back?').getByTestId('receipt').waitFor();
    await bob.page.getByRole('status').waitFor({state: 'hidden'});
  }

  log('Ann signs out: back to the sign-in screen, and no token is left in the page');
  await ann.page.getByRole('button', {name: 'Sign out'}).click();
  await ann.page.getByRole('heading', {name: 'Sign in to SecureConnect'}).waitFor();
  const leftovers = await ann.page.evaluate(() => ({session: sessionStorage.length, local: localStorage.length}));
  if (leftovers.session !== 0 || leftovers.local !== 0) throw new Error(`storage after sign-out: ${JSON.stringify(leftovers)}`);
});

/** An 8×8 PNG, drawn once with Chromium's canvas and kept here as bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQxfRCVxJR3MlncBN9JVSfLSfFo5CuBApfV0PQXAqnNlgYU8FBv9PFOrYsHAqnHgAAAD//xyztnwAAAAGSURBVAMAoYkegeOvuWgAAAAASUVORK5CYII=',
  'base64');

/** The client's own pace (app/chat.js: bursts of 20, then 10 frames/s) allows 30 frames within a second. */
const MAX_FRAMES_PER_SECOND = 30;

/**
 * When the page writes each frame to /ws/chat (timed inside the page, by a wrapper around WebSocket.send put there
 * before the app loads), and the RATE_LIMITED refusals it gets back (seen from outside, by Playwright).
 */
async function watchChatSocket(page) {
  await page.addInitScript(() => {
    const send = WebSocket.prototype.send;
    window.chatFramesWritten = [];
    WebSocket.prototype.send = function (data) {
      if (this.url.includes('/ws/chat')) window.chatFramesWritten.push(performance.now());
      return send.call(this, data);
    };
  });
  const refusals = [];
  page.on('websocket', socket => {
    if (!socket.url().includes('/ws/chat')) return;
    socket.on('framereceived', ({payload}) => {
      if (String(payload).includes('"RATE_LIMITED"')) refusals.push(String(payload));
    });
  });
  const busiestSecond = async () => {
    const written = await page.evaluate(() => window.chatFramesWritten);
    let busiest = 0;
    for (let i = 0, j = 0; i < written.length; i++) {
      while (written[i] - written[j] >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    return {count: written.length, busiest};
  };
  return {
    async describe() {
      const {count, busiest} = await busiestSecond();
      return `${count} frames written to /ws/chat so far, at most ${busiest} within a second`;
    },
    async expectPacedAndNoneRefused() {
      if (refusals.length) throw new Error(`the chat socket refused ${refusals.length} frames for rate: ${refusals[0]}`);
      const {busiest} = await busiestSecond();
      if (busiest > MAX_FRAMES_PER_SECOND) throw new Error(`${busiest} frames written within one second`);
    },
  };
}

/** Every line, once each and in this order, among the messages shown. */
async function expectLinesInOrder(page, lines) {
  const wanted = new Set(lines);
  const shown = (await page.locator('.message .body').allTextContents()).filter(text => wanted.has(text));
  if (shown.join('|') !== lines.join('|')) throw new Error(`lines shown: ${shown.join(', ')}`);
}

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}
