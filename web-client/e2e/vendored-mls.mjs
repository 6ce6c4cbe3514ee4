// The vendored MLS library as the app gets it: the page from the gateway, under the gateway's real
// Content-Security-Policy, resolves `ts-mls` through its import map to /app/vendor/ and runs a small MLS round trip
// in the browser (WebCrypto): Alice creates a group and adds Bob (commit + Welcome), Bob joins, Alice's application
// message reaches Bob, all through the wire encoding. No CSP violation may be reported meanwhile; an inline script
// injected at the end must be blocked (the policy is really in force, not bypassed).
//
//   node web-client/e2e/vendored-mls.mjs http://localhost:8080
import {log, newUser, run} from './browser.mjs';

const SUITE = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';

await run(async ({browser, gateway, users}) => {
  const user = await newUser(browser, 'mls', gateway);
  users.push(user);
  const {page, context} = user;
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const vendorResponses = [];
  page.on('response', r => { if (new URL(r.url()).pathname.startsWith('/app/vendor/')) vendorResponses.push(r); });

  const response = await page.goto('/');
  const policy = response.headers()['content-security-policy'] ?? '';
  const scriptSrc = policy.split(';').map(d => d.trim()).find(d => d.startsWith('script-src'));
  log(`page from ${gateway}, ${scriptSrc}`);
  if (!/^script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='$/.test(scriptSrc ?? '')) {
    throw new Error(`expected script-src 'self' and one hash, got: ${policy}`);
  }

  const started = Date.now();
  const result = await page.evaluate(async suite => {
    const mls = await import('ts-mls');
    const {encodeRatchetTree, decodeRatchetTree} = await import('ts-mls/ratchetTree.js');
    const cs = await mls.getCiphersuiteImpl(mls.getCiphersuiteFromName(suite));
    const text = new TextEncoder();
    const member = name => mls.generateKeyPackage({credentialType: 'basic', identity: text.encode(name)},
        mls.defaultCapabilities(), mls.defaultLifetime, [], cs);
    const wire = message => {
      const bytes = mls.encodeMlsMessage(message);
      return mls.decodeMlsMessage(bytes, 0)[0];
    };
    const alice = await member('alice');
    const bob = await member('bob');
    const groupId = crypto.getRandomValues(new Uint8Array(16));

    let aliceState = await mls.createGroup(groupId, alice.publicPackage, alice.privatePackage, [], cs);
    const add = await mls.createCommit({state: aliceState, cipherSuite: cs},
        {extraProposals: [{proposalType: 'add', add: {keyPackage: bob.publicPackage}}]});
    aliceState = add.newState;
    const welcome = wire({version: 'mls10', wireformat: 'mls_welcome', welcome: add.welcome}).welcome;
    const tree = decodeRatchetTree(encodeRatchetTree(aliceState.ratchetTree), 0)[0];
    let bobState = await mls.joinGroup(welcome, bob.publicPackage, bob.privatePackage, mls.emptyPskIndex, cs, tree);

    const sent = await mls.createApplicationMessage(aliceState, text.encode('hello from the vendored ts-mls'), cs);
    const received = await mls.processMessage(
        wire({version: 'mls10', wireformat: 'mls_private_message', privateMessage: sent.privateMessage}),
        bobState, mls.emptyPskIndex, mls.acceptAll, cs);
    bobState = received.newState;
    return {
      kind: received.kind,
      text: new TextDecoder().decode(received.message),
      epochs: [Number(sent.newState.groupContext.epoch), Number(bobState.groupContext.epoch)],
      signatureKeyBytes: alice.publicPackage.leafNode.signaturePublicKey.length,
    };
  }, SUITE);
  log(`round trip in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
  if (result.kind !== 'applicationMessage' || result.text !== 'hello from the vendored ts-mls'
      || result.epochs.join() !== '1,1') {
    throw new Error(`the MLS round trip went wrong: ${JSON.stringify(result)}`);
  }

  const failed = vendorResponses.filter(r => r.status() !== 200);
  log(`${vendorResponses.length} files from /app/vendor/, ${failed.length} not 200`);
  if (vendorResponses.length === 0 || failed.length) throw new Error(`vendor files: ${failed.map(r => r.url())}`);

  const violations = await page.evaluate(() => window.__cspViolations);
  const cspConsole = consoleErrors.filter(m => /Content Security Policy/i.test(m));
  if (violations.length || cspConsole.length) {
    throw new Error(`CSP violations: ${JSON.stringify([...violations, ...cspConsole])}`);
  }
  log('no CSP violation');

  const blocked = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    await new Promise(resolve => setTimeout(resolve, 100));
    return {ran: window.__inlineRan === true, violations: window.__cspViolations};
  });
  if (blocked.ran || !blocked.violations.some(v => v.startsWith('script-src'))) {
    throw new Error(`an injected inline script was not blocked: ${JSON.stringify(blocked)}`);
  }
  log(`an injected inline script is blocked: ${blocked.violations[0]}`);
});
