// Steps both scenarios take, written as a person would: by labels, roles and visible text.
import {log, screenshot} from './browser.mjs';

const PASSWORD = 'violet kettle drums at midnight 42';

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
