// End to end in headless Chromium: two people, each in their own browser context, register, start a direct
// conversation, chat both ways, see typing, read receipts, presence and unread counts, edit and delete a message,
// send a file that arrives byte for byte, and sign out. Usage: node chat.mjs <gateway URL>
import {createHash, randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {log, newUser, run, screenshot} from './browser.mjs';

const PASSWORD = 'violet kettle drums at midnight 42';

run(async ({browser, gateway, users}) => {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const ann = await newUser(browser, 'ann', gateway);
  const bob = await newUser(browser, 'bob', gateway, {width: 390, height: 780}); // a phone-sized screen
  users.push(ann, bob);
  ann.email = `ann-${tag}@example.com`;
  bob.email = `bob-${tag}@example.com`;

  log('both register (and are signed in at once, before verifying their email)');
  await ann.page.goto('/');
  await screenshot(ann.page, 'sign-in');
  await register(ann, 'Ann');
  await register(bob, 'Bob');
  await expectText(ann.page.getByTestId('verification-hint'), ann.email);
  await expectText(bob.page.getByTestId('verification-hint'), '.secureconnect/mail/');

  log('Ann starts a direct conversation with Bob by his email and writes first');
  await ann.page.getByLabel('Start a chat (email)').fill(bob.email);
  await ann.page.getByRole('button', {name: 'Start chat'}).click();
  await ann.page.getByRole('heading', {name: 'Bob'}).waitFor();
  await send(ann, 'Hi Bob! Lunch today?');

  log('Bob sees the conversation with one unread message, opens it and reads');
  const bobsEntry = bob.page.locator('.conversation', {hasText: 'Ann'});
  await expectText(bobsEntry.locator('.badge'), '1');
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
  await screenshot(ann.page, 'conversation');
  await screenshot(bob.page, 'phone-conversation');

  log('Ann signs out: back to the sign-in screen, and no token is left in the page');
  await ann.page.getByRole('button', {name: 'Sign out'}).click();
  await ann.page.getByRole('heading', {name: 'Sign in to SecureConnect'}).waitFor();
  const leftovers = await ann.page.evaluate(() => ({session: sessionStorage.length, local: localStorage.length}));
  if (leftovers.session !== 0 || leftovers.local !== 0) throw new Error(`storage after sign-out: ${JSON.stringify(leftovers)}`);
});

async function register(user, displayName) {
  const {page} = user;
  if (page.url() === 'about:blank') await page.goto('/');
  await page.getByRole('button', {name: 'Create an account'}).click();
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  if (displayName === 'Ann') await screenshot(page, 'register');
  await submitPatiently(page, 'Create account');
  await page.getByTestId('me').waitFor({state: 'attached'});
  user.displayName = displayName;
}

/**
 * Submits, and when the gateway's per-address budget for registration and login is spent (other tests in the same
 * run share it) waits as long as its Retry-After says and submits again.
 */
async function submitPatiently(page, buttonName) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.getByRole('button', {name: buttonName}).click();
    const outcome = await (await page.waitForFunction(() => {
      const error = document.querySelector('.auth .error');
      if (document.querySelector('[data-testid=me]')) return 'in';
      if (error?.dataset.retryAfter) return 'limited';
      return error?.textContent ? 'error' : false;
    }, null, {timeout: 60_000})).jsonValue();
    if (outcome === 'in') return;
    const message = await page.locator('.auth .error').textContent();
    if (outcome === 'error' || Date.now() > deadline) throw new Error(`${buttonName} refused: ${message}`);
    const seconds = Number(await page.locator('.error[data-retry-after]').getAttribute('data-retry-after'));
    log(`  rate limited (${message}); waiting ${seconds} s`);
    await page.waitForTimeout(seconds * 1000 + 200);
    await page.locator('.error').evaluate(el => { delete el.dataset.retryAfter; el.textContent = ''; });
  }
}

async function send(user, text) {
  const box = user.page.getByLabel('Message', {exact: true});
  await box.fill(text);
  await box.press('Enter');
  await messageWith(user.page, text).locator('[data-testid=receipt]').waitFor();
}

function messageWith(page, text) {
  return page.locator('.message', {has: page.locator('.body', {hasText: text})});
}

async function expectText(locator, text) {
  await locator.filter({hasText: text}).first().waitFor();
}

async function expectNoText(locator, text) {
  const deadline = Date.now() + 30_000;
  while ((await locator.textContent()).includes(text)) {
    if (Date.now() > deadline) throw new Error(`still showing "${text}"`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}
