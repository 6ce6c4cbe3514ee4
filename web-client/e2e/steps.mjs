// Steps both scenarios take, written as a person would: by labels, roles and visible text.
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {log, screenshot} from './browser.mjs';

export const PASSWORD = 'violet kettle drums at midnight 42';

/** Registers through the form (which signs in at once) and waits for the app; a screenshot of the form if named. */
export async function register(user, displayName, screenshotName) {
  const {page} = user;
  if (page.url() === 'about:blank') await page.goto('/');
  await page.getByRole('button', {name: 'Create an account'}).click();
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  if (screenshotName) await screenshot(page, screenshotName);
  await submitPatiently(page, 'Create account');
  user.displayName = displayName;
}

/**
 * Signs an existing account in through the form (another browser of the same person: a second device). With
 * `secondStep` the account has a second factor: it waits for that step's page instead of the app.
 */
export async function signIn(user, email, displayName, {password = PASSWORD, secondStep = false} = {}) {
  const {page} = user;
  if (page.url() === 'about:blank') await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', {exact: true}).fill(password);
  await submitPatiently(page, 'Sign in', secondStep ? 'h1#mfa-title' : '[data-testid=me]');
  user.email = email;
  user.displayName = displayName;
}

/**
 * Submits, and when the gateway's per-address budget for registration and login is spent (other tests in the same
 * run share it) waits as long as its Retry-After says and submits again.
 */
async function submitPatiently(page, buttonName, signedIn = '[data-testid=me]') {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.getByRole('button', {name: buttonName, exact: true}).click();
    const outcome = await (await page.waitForFunction(selector => {
      const error = document.querySelector('.auth .error');
      if (document.querySelector(selector)) return 'in';
      if (error?.dataset.retryAfter) return 'limited';
      return error?.textContent ? 'error' : false;
    }, signedIn, {timeout: 60_000})).jsonValue();
    if (outcome === 'in') return;
    const message = await page.locator('.auth .error').textContent();
    if (outcome === 'error' || Date.now() > deadline) throw new Error(`${buttonName} refused: ${message}`);
    const seconds = Number(await page.locator('.error[data-retry-after]').getAttribute('data-retry-after'));
    log(`  rate limited (${message}); waiting ${seconds} s`);
    await page.waitForTimeout(seconds * 1000 + 200);
    await page.locator('.error').evaluate(el => { delete el.dataset.retryAfter; el.textContent = ''; });
  }
}

/**
 * Opens the confirmation link auth-service mailed to the user, in their own tab, as they would from their mailbox,
 * and continues into the app, which refreshes the session so the new token says the address is verified (S9: only
 * then may they start conversations and write). The mails are .eml files in the folder SC_E2E_MAIL_DIR names (the
 * system under test writes its mail there instead of sending it), written shortly after the registration.
 */
export async function verifyEmail(user) {
  const folder = process.env.SC_E2E_MAIL_DIR;
  if (!folder) throw new Error('SC_E2E_MAIL_DIR must name the folder the system under test writes its mail to');
  const token = await mailedToken(folder, user.email);
  await user.page.goto(`/verify-email?token=${token}`);
  await expectText(user.page.getByRole('status'), 'Your email address is confirmed');
  await user.page.getByRole('button', {name: 'Continue'}).click();
  // signed in again: the name is in the page (a phone's narrow layout hides it, so not 'visible')
  await user.page.locator('[data-testid=me]').waitFor({state: 'attached'});
  await user.page.getByTestId('verification-hint').waitFor({state: 'detached'});
}

/** The token of the newest link to `page` (verify-email, reset-password) mailed to `email` (see verifyEmail). */
export async function mailedToken(folder, email, page = 'verify-email') {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const names = (await readdir(folder).catch(() => [])).filter(name => name.endsWith('.eml')).sort();
    for (const name of names.reverse()) { // UUIDv7 names: the newest first
      const text = (await readFile(path.join(folder, name), 'latin1')).replace(/=\r?\n/g, '').replaceAll('=3D', '=');
      const to = text.split(/\r?\n/).find(line => /^To: /i.test(line)) ?? '';
      const link = new RegExp(`${page}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
      if (to.toLowerCase().includes(email.toLowerCase()) && link) return link[1];
    }
    if (Date.now() > deadline) throw new Error(`no ${page} mail to ${email} in ${folder} within 30 s`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

export async function send(user, text) {
  const box = user.page.getByLabel('Message', {exact: true});
  await box.fill(text);
  await box.press('Enter');
  await messageWith(user.page, text).locator('[data-testid=receipt]').waitFor();
}

/** The message whose text is exactly `text`. */
export function messageWith(page, text) {
  const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.message', {has: page.locator('.body', {hasText: exactly})});
}

export async function expectText(locator, text) {
  await locator.filter({hasText: text}).first().waitFor();
}

export async function expectNoText(locator, text) {
  const deadline = Date.now() + 30_000;
  while ((await locator.textContent()).includes(text)) {
    if (Date.now() > deadline) throw new Error(`still showing "${text}"`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

export async function startChat(from, to) {
  await from.page.getByLabel('Start a chat (email)').fill(to.email);
  await from.page.getByRole('button', {name: 'Start chat'}).click();
  await from.page.getByRole('heading', {name: to.displayName}).waitFor();
}

/** Creates a group from the "New group" form, end-to-end encrypted when asked, and waits until it is open. */
export async function createGroup(user, name, members, e2ee) {
  const {page} = user;
  const form = page.locator('form.new-chat', {has: page.getByLabel('Group name')});
  if (!await form.isVisible()) await page.getByText('New group').click();
  await form.getByLabel('Group name').fill(name);
  await form.getByLabel('Members (emails, comma-separated)').fill(members.map(m => m.email).join(', '));
  if (e2ee) await form.getByLabel('End-to-end encrypted').check();
  await form.getByRole('button', {name: 'Create group'}).click();
  await page.getByRole('heading', {name}).waitFor();
}

/** Opens the conversation named `name` in the list (the first, when more than one match). */
export async function open(user, name) {
  await user.page.locator('.conversation', {hasText: name}).first().click();
  await user.page.getByRole('heading', {name}).waitFor();
}
