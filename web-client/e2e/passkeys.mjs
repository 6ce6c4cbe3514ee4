// End to end in headless Chromium with a virtual platform authenticator (CDP WebAuthn: CTAP2, internal transport,
// resident keys, user verification): Ann registers, adds a passkey in Settings and renames it, signs out, signs in
// with "Sign in with a passkey" (no password typed), then signs in with her password and answers the second step
// with "Use a passkey", and last deletes the passkey, which then signs nobody in. Each result is checked through the
// API with the page's own token: the passkey list (name, last use), the session list, and how each session was
// authenticated (the access token's amr).
// WebAuthn refuses an IP address as relying-party id, so the pages are opened at http://localhost:<gateway port>
// (auth-service must accept that origin: SC_WEBAUTHN_RP_ID=localhost, SC_WEBAUTHN_ORIGINS). Usage:
// node passkeys.mjs <gateway URL>
import {randomBytes} from 'node:crypto';
import {log, newUser, run, screenshot} from './browser.mjs';
import {PASSWORD, expectText, register, verifyEmail} from './steps.mjs';

run(async ({browser, gateway, users}) => {
  const site = localhost(gateway);
  const ann = await newUser(browser, 'ann', site);
  users.push(ann);
  ann.email = `passkey-ann-${Date.now().toString(36)}${randomBytes(3).toString('hex')}@example.com`;
  const authenticator = await virtualAuthenticator(ann);

  /** The REST API as Ann's page holds it: the page's own access token, from Node. */
  const api = async (method, path) => {
    const token = await ann.page.evaluate(() => import('/app/session.js').then(s => s.token()));
    const response = await fetch(`${gateway}${path}`, {method, headers: {Authorization: `Bearer ${token}`}});
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status} ${text}`);
    return {token, body: text ? JSON.parse(text) : null};
  };
  const amr = token => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).amr ?? [];
  const expectSignedInBy = async (expected, what) => {
    await ann.page.locator('[data-testid=me]').waitFor({state: 'attached'});
    const {token, body} = await api('GET', '/api/v1/users/me/sessions');
    const current = body.items.find(s => s.current);
    if (!current) throw new Error(`${what}: no current session in ${JSON.stringify(body.items)}`);
    if (JSON.stringify(amr(token)) !== JSON.stringify(expected)) {
      throw new Error(`${what}: the session's amr is ${JSON.stringify(amr(token))}, not ${JSON.stringify(expected)}`);
    }
    log(`  signed in, amr ${JSON.stringify(expected)}, session from ${current.ip} (${body.items.length} sessions)`);
  };
  const signOut = async () => {
    await ann.page.getByRole('button', {name: 'Sign out', exact: true}).click();
    await ann.page.getByRole('heading', {name: 'Sign in to SecureConnect'}).waitFor();
  };

  log(`Ann registers at ${site} (a page at localhost: WebAuthn takes no IP address as relying party)`);
  await register(ann, 'Ann');
  await verifyEmail(ann); // only a verified address may hold a passkey

  const passkeys = ann.page.locator('.passkeys');
  const openTwoStep = async () => {
    await ann.page.getByRole('button', {name: 'Settings', exact: true}).click();
    await ann.page.getByRole('navigation', {name: 'Settings sections'})
      .getByRole('link', {name: 'Two-step sign-in', exact: true}).click();
    await passkeys.getByTestId('passkeys').waitFor();
  };

  log('Ann adds a passkey in Settings, two-step sign-in: her password first (a wrong one adds nothing)');
  await openTwoStep();
  await passkeys.getByLabel('Passkey name').fill('Laptop');
  await passkeys.getByLabel('Your password').fill(`not ${PASSWORD}`);
  await passkeys.getByRole('button', {name: 'Add a passkey'}).click();
  await expectText(passkeys.getByRole('status'), 'The password is wrong');
  await expectText(passkeys.getByTestId('passkeys'), 'No passkeys yet');
  await passkeys.getByLabel('Your password').fill(PASSWORD);
  await passkeys.getByRole('button', {name: 'Add a passkey'}).click();
  await expectText(passkeys.getByRole('status'), 'The passkey Laptop is added');
  await expectText(passkeys.getByTestId('passkeys'), 'Laptop');
  await expectText(ann.page.getByTestId('mfa-status'), 'Two-step sign-in is on'); // a passkey is a second factor
  log('  with a passkey in place, setting up an authenticator app too takes the password');
  const twoStep = ann.page.locator('#settings-two-step');
  await twoStep.getByLabel('Password', {exact: true}).fill(PASSWORD);
  await twoStep.getByRole('button', {name: 'Set up an authenticator app'}).click();
  await twoStep.getByTestId('totp-secret').waitFor();
  await twoStep.getByRole('button', {name: 'Cancel', exact: true}).click();
  await screenshot(ann.page, 'passkeys-settings');
  let {body: list} = await api('GET', '/api/v1/users/me/passkeys');
  if (list.items.length !== 1 || list.items[0].name !== 'Laptop') {
    throw new Error(`the API lists ${JSON.stringify(list.items)} after adding "Laptop"`);
  }
  const credentials = (await authenticator.credentials()).filter(c => c.isResidentCredential);
  if (credentials.length !== 1) throw new Error(`the authenticator holds ${credentials.length} resident credentials`);

  log('Ann renames it, by keyboard');
  await passkeys.getByRole('button', {name: 'Rename passkey Laptop'}).focus();
  await ann.page.keyboard.press('Enter');
  await passkeys.getByLabel('New name').fill('Work laptop');
  await ann.page.keyboard.press('Enter');
  await expectText(passkeys.getByRole('status'), 'now called Work laptop');
  ({body: list} = await api('GET', '/api/v1/users/me/passkeys'));
  if (list.items[0].name !== 'Work laptop' || list.items[0].lastUsedAt) {
    throw new Error(`after the rename the API lists ${JSON.stringify(list.items)}`);
  }

  log('Ann signs out and signs in with "Sign in with a passkey", typing no password');
  const back = ann.page.getByRole('button', {name: 'Back to conversations'});
  if (await back.isVisible()) await back.click();
  await signOut();
  await ann.page.getByRole('button', {name: 'Sign in with a passkey'}).click();
  await expectSignedInBy(['hwk', 'user', 'mfa'], 'passwordless');
  ({body: list} = await api('GET', '/api/v1/users/me/passkeys'));
  if (!list.items[0].lastUsedAt) throw new Error(`the passkey shows no last use: ${JSON.stringify(list.items)}`);
  await screenshot(ann.page, 'passkeys-signed-in');

  log('Ann signs out, signs in with her password, and the passkey is her second step ("Use a passkey")');
  await signOut();
  await ann.page.getByLabel('Email').fill(ann.email);
  await ann.page.getByLabel('Password', {exact: true}).fill(PASSWORD);
  await ann.page.getByRole('button', {name: 'Sign in', exact: true}).click();
  const usePasskey = ann.page.getByRole('button', {name: 'Use a passkey'});
  await usePasskey.waitFor();
  await screenshot(ann.page, 'passkeys-second-step');
  if (await ann.page.locator('[data-testid=me]').count()) throw new Error('signed in before the second step');
  await usePasskey.click();
  await expectSignedInBy(['pwd', 'hwk', 'mfa'], 'password and passkey');
  const signCount = (await authenticator.credentials())[0].signCount;
  if (signCount < 2) throw new Error(`the authenticator signed ${signCount} times, not twice`);

  log('Ann deletes the passkey in Settings; the authenticator still holds it, but it signs nobody in any more');
  await openTwoStep();
  await passkeys.getByRole('button', {name: 'Delete passkey Work laptop'}).click();
  await passkeys.getByRole('button', {name: 'Delete passkey', exact: true}).click();
  await expectText(passkeys.getByRole('status'), 'The passkey Work laptop is deleted');
  ({body: list} = await api('GET', '/api/v1/users/me/passkeys'));
  if (list.items.length) throw new Error(`the API still lists ${JSON.stringify(list.items)} after the deletion`);
  await ann.page.getByRole('button', {name: 'Back to conversations'}).click();
  await signOut();
  await ann.page.getByRole('button', {name: 'Sign in with a passkey'}).click();
  await expectText(ann.page.locator('.auth .error'), 'This passkey is not known here');
  if (await ann.page.locator('[data-testid=me]').count()) throw new Error('a deleted passkey signed Ann in');
});

/** The gateway's address with the host localhost (WebAuthn's relying party), for the browser. */
function localhost(gateway) {
  const url = new URL(gateway);
  url.hostname = 'localhost';
  return url.toString().replace(/\/$/, '');
}

/** A platform authenticator in Ann's tab that verifies its user and holds discoverable credentials. */
async function virtualAuthenticator(user) {
  const cdp = await user.context.newCDPSession(user.page);
  await cdp.send('WebAuthn.enable', {enableUI: false});
  const {authenticatorId} = await cdp.send('WebAuthn.addVirtualAuthenticator', {options: {
    protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
    automaticPresenceSimulation: true,
  }});
  return {credentials: async () => (await cdp.send('WebAuthn.getCredentials', {authenticatorId})).credentials};
}
