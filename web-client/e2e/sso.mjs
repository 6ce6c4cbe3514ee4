// End to end in headless Chromium: single sign-on with OpenID Connect (issue 22) against the real provider the
// system tests run in-process (Spring Authorization Server, "Test IdP"). Ada clicks "Sign in with Test IdP" on the
// sign-in page, logs in at the provider's own form and comes back signed in (checked through the API with the
// page's token: the account has the provider's verified email). Bob's browser goes the same way, but the state that
// comes back to the callback is not the one his sign-in started with (a forged callback): he lands on the error
// page, not signed in. Cat, who has a password, connects the provider in Settings (a sign-in at the provider that
// comes back linked) and disconnects it; the API says so each time.
// The runner (system-tests' WebClientIT) gives the provider the person below. Usage: node sso.mjs <gateway URL>
import {log, newUser, run, screenshot} from './browser.mjs';
import {expectText, register, verifyEmail} from './steps.mjs';

const IDP_USERNAME = 'sso-e2e@example.org';
const IDP_PASSWORD = 'a provider password for the browser test';
const LINKING_USERNAME = 'sso-link@example.org'; // Cat's account at the provider, another email than her own

run(async ({browser, gateway, users}) => {
  const ada = await newUser(browser, 'ada', gateway);
  const bob = await newUser(browser, 'bob', gateway, {width: 390, height: 780});
  users.push(ada, bob);

  log('Ada signs in with the provider from the sign-in page');
  await signInAtProvider(ada.page, 'sso-sign-in-button');
  await ada.page.waitForSelector('[data-testid=me]', {timeout: 60_000});
  const token = await ada.page.evaluate(() => import('/app/session.js').then(s => s.token()));
  const me = await (await fetch(`${gateway}/api/v1/users/me`, {headers: {Authorization: `Bearer ${token}`}})).json();
  if (me.email !== IDP_USERNAME || me.emailVerified !== true) {
    throw new Error(`signed in as ${JSON.stringify(me)}, expected the provider's verified ${IDP_USERNAME}`);
  }
  if (new URL(ada.page.url()).search.includes('ticket')) throw new Error(`the ticket stayed in the address: ${ada.page.url()}`);
  log(`  signed in as ${me.email}`);

  log('Bob\'s callback comes back with another state: refused');
  // Playwright routes only the first request of a redirect chain, and the callback is the end of the provider's
  // chain: so the state is changed where it leaves, in start's redirect to the provider, which echoes it back
  await bob.page.route(url => url.pathname.endsWith('/api/v1/auth/sso/testidp/start'), async route => {
    const response = await route.fetch({maxRedirects: 0});
    const toProvider = new URL(response.headers().location);
    toProvider.searchParams.set('state', 'forged-state');
    await route.fulfill({response, headers: {...response.headers(), location: toProvider.toString()}});
  });
  await signInAtProvider(bob.page);
  await bob.page.waitForURL(url => url.pathname === '/sso/error', {timeout: 30_000});
  const alert = bob.page.locator('[data-code]');
  if (await alert.getAttribute('data-code') !== 'SSO_STATE_INVALID') {
    throw new Error(`expected SSO_STATE_INVALID, the page says ${await alert.getAttribute('data-code')}`);
  }
  if (!/not started in this browser/.test(await alert.textContent())) throw new Error('the error page does not explain');
  await screenshot(bob.page, 'sso-error');
  if (await bob.page.evaluate(() => import('/app/session.js').then(s => s.signedIn()))) {
    throw new Error('Bob is signed in after a forged callback');
  }
  await bob.page.getByRole('button', {name: 'Back to sign-in'}).click();
  await bob.page.getByRole('link', {name: 'Sign in with Test IdP'}).waitFor();

  log('Cat, signed in with her password, connects the provider in Settings, then disconnects it');
  const cat = await newUser(browser, 'cat', gateway);
  users.push(cat);
  cat.email = `cat-${Date.now().toString(36)}@example.com`;
  await register(cat, 'Cat');
  await verifyEmail(cat); // only a confirmed address may collect a provider's identity
  const connectedSignIn = async () => {
    await cat.page.getByRole('button', {name: 'Settings', exact: true}).click();
    await cat.page.getByRole('navigation', {name: 'Settings sections'})
      .getByRole('link', {name: 'Connected sign-in', exact: true}).click();
    return cat.page.getByTestId('sso-connected');
  };
  const connections = async () => {
    const catToken = await cat.page.evaluate(() => import('/app/session.js').then(s => s.token()));
    const answer = await fetch(`${gateway}/api/v1/users/me/sso`, {headers: {Authorization: `Bearer ${catToken}`}});
    return (await answer.json()).items;
  };
  let list = await connectedSignIn();
  await expectText(list, 'Not connected');
  await list.getByRole('button', {name: 'Connect Test IdP'}).click();
  await logInAtProvider(cat.page, LINKING_USERNAME);
  await cat.page.getByRole('heading', {name: 'Provider connected'}).waitFor({timeout: 30_000});
  await cat.page.getByRole('button', {name: 'Back to SecureConnect'}).click();
  await cat.page.waitForSelector('[data-testid=me]', {timeout: 30_000});
  let items = await connections();
  if (items.length !== 1 || items[0].provider !== 'testidp' || items[0].email !== LINKING_USERNAME) {
    throw new Error(`after connecting, the API lists ${JSON.stringify(items)}`);
  }
  list = await connectedSignIn();
  await expectText(list, `Connected as ${LINKING_USERNAME}`);
  await screenshot(cat.page, 'sso-connected');
  await list.getByRole('button', {name: 'Disconnect Test IdP'}).click();
  await expectText(list, 'Not connected');
  items = await connections();
  if (items.length !== 0) throw new Error(`after disconnecting, the API still lists ${JSON.stringify(items)}`);
});

/** From the sign-in page through "Sign in with Test IdP" and the provider's login form. */
async function signInAtProvider(page, screenshotName) {
  await page.goto('/');
  const button = page.getByRole('link', {name: 'Sign in with Test IdP'});
  await button.waitFor({timeout: 30_000});
  if (screenshotName) await screenshot(page, screenshotName);
  await button.click();
  await logInAtProvider(page, IDP_USERNAME);
}

/** The provider's own login form. */
async function logInAtProvider(page, username) {
  await page.waitForURL(url => url.pathname === '/login', {timeout: 30_000});
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(IDP_PASSWORD);
  await page.getByRole('button', {name: 'Sign in'}).click();
}
