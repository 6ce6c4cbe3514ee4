// Checks the web client's SFrame (app/call/sframe.js) against the test vectors of RFC 9605 Appendix C:
// every header of C.1 (encode and decode), and the C.3 vector of cipher suite 0x0004 (labels, key and salt
// derivation, nonce, encryption and decryption), plus what the RFC requires around them: a changed byte anywhere
// fails authentication, non-minimal headers are refused, and the MLS KID layout gives the RFC's Figure 4 KIDs.
// Node's WebCrypto is the same API the browser's worker uses. Exits non-zero on any mismatch; prints
// "N passed, N failed". Run by system-tests' SFrameVectorsUnitTest; by hand: node web-client/e2e/sframe-vectors.mjs
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sframe = await import(path.join(here, '../src/main/resources/META-INF/resources/app/call/sframe.js'));
const vectors = JSON.parse(await readFile(path.join(here, 'sframe-rfc9605-vectors.json'), 'utf8'));

const hex = bytes => Buffer.from(bytes).toString('hex');
const unhex = text => new Uint8Array(Buffer.from(text, 'hex'));
let passed = 0;
const failures = [];

function check(name, actual, expected) {
  if (actual === expected) passed++;
  else failures.push(`${name}: expected ${expected}, got ${actual}`);
}

async function refuses(name, work, reason) {
  try {
    await work();
    failures.push(`${name}: accepted`);
  } catch (e) {
    check(`${name} (reason)`, e.reason ?? e.constructor.name, reason);
  }
}

// C.1: header encoding and decoding
for (const v of vectors.header) {
  const kid = BigInt(v.kid);
  const ctr = BigInt(v.ctr);
  check(`header(${v.kid}, ${v.ctr})`, hex(sframe.encodeHeader(kid, ctr)), v.header);
  const decoded = sframe.decodeHeader(unhex(v.header + 'aabb'));
  check(`decode ${v.header}`, `${decoded.kid}/${decoded.ctr}/${decoded.length}`, `${kid}/${ctr}/${v.header.length / 2}`);
}
await refuses('a KID of 5 in an extended field', () => sframe.decodeHeader(unhex('8005')), 'malformed');
await refuses('a CTR with a leading zero byte', () => sframe.decodeHeader(unhex('090012')), 'malformed');
await refuses('a header cut short', () => sframe.decodeHeader(unhex('9f0102')), 'malformed');

// C.3: SFrame encryption and decryption, suite 0x0004
for (const v of vectors.sframe) {
  check('cipher suite', `0x${sframe.CIPHER_SUITE.toString(16).padStart(4, '0')}`, v.cipher_suite);
  const kid = BigInt(v.kid);
  const ctr = BigInt(v.ctr);
  check('sframe_key_label', hex(sframe.keyLabel(kid)), v.sframe_key_label);
  check('sframe_salt_label', hex(sframe.saltLabel(kid)), v.sframe_salt_label);
  const baseKey = await sframe.importBaseKey(unhex(v.base_key));
  const keys = await sframe.deriveKeySalt(kid, baseKey, {extractable: true});
  check('sframe_key', hex(new Uint8Array(await crypto.subtle.exportKey('raw', keys.key))), v.sframe_key);
  check('sframe_salt', hex(keys.salt), v.sframe_salt);
  check('nonce', hex(sframe.nonceFor(keys.salt, ctr)), v.nonce);
  const metadata = unhex(v.metadata);
  const ct = await sframe.encrypt(keys, kid, ctr, metadata, unhex(v.pt));
  check('ct', hex(ct), v.ct);
  check('aad (header + metadata)', hex(sframe.encodeHeader(kid, ctr)) + v.metadata, v.aad);
  const header = sframe.decodeHeader(unhex(v.ct));
  check('pt', await sframe.decrypt(keys, header, metadata, unhex(v.ct)).then(hex, e => `refused (${e.message})`), v.pt);
  for (const at of [0, 3, unhex(v.ct).length - 1]) {
    const tampered = unhex(v.ct);
    tampered[at] ^= 0x01;
    await refuses(`ct with byte ${at} changed`, async () =>
      sframe.decrypt(keys, sframe.decodeHeader(tampered), metadata, tampered), 'authentication');
  }
  await refuses('other metadata', () => sframe.decrypt(keys, header, unhex('00'), unhex(v.ct)), 'authentication');
}

// RFC 9605 §5.2, Figure 4 (E = 4, S = 6): the KIDs of an MLS-keyed session
for (const [index, epoch, context, kid] of [[3, 14, 0, 0x3e], [7, 14, 0, 0x7e], [20, 14, 0, 0x14e], [3, 15, 0, 0x3f],
  [5, 15, 0, 0x5f], [2, 16, 2, 0x820], [2, 16, 3, 0xc20], [33, 17, 0, 0x211], [51, 17, 0, 0x331]]) {
  check(`KID of index ${index} in epoch ${epoch}, context ${context}`,
    sframe.mlsKid({context: BigInt(context), senderIndex: index, epoch, indexBits: 6, epochBits: 4}), BigInt(kid));
}
check('S for 64 leaves', sframe.indexBits(64), 6);
check('S for 2 leaves', sframe.indexBits(2), 1);
check('S for 1 leaf', sframe.indexBits(1), 0);

// two members of one MLS epoch: each decrypts the other, never its own KID, and no frame twice
const baseKey = crypto.getRandomValues(new Uint8Array(sframe.KEY_BYTES));
const alice = new sframe.MlsSFrameContext();
const bob = new sframe.MlsSFrameContext();
await alice.addEpoch({epoch: 5n, baseKey, leafIndex: 0, leafCount: 2});
await bob.addEpoch({epoch: 5n, baseKey, leafIndex: 1, leafCount: 2});
const frame = new TextEncoder().encode('a frame of media');
const sealed = await alice.protect(frame);
check('Bob opens Alice’s frame', hex(await bob.unprotect(sealed)), hex(frame));
check('Alice’s KID: index 0, epoch 5', sframe.decodeHeader(sealed).kid, 5n);
check('Bob’s KID: index 1, epoch 5', sframe.decodeHeader(await bob.protect(frame)).kid, 0x15n);
await refuses('the same frame again', () => bob.unprotect(sealed), 'replay');
await refuses('Alice opens her own frame', () => alice.unprotect(sealed), 'own-key');
await bob.addEpoch({epoch: 6n, baseKey: crypto.getRandomValues(new Uint8Array(16)), leafIndex: 1, leafCount: 2});
check('a new epoch becomes the sending epoch', bob.sendingEpoch, 6n);
const forged = Uint8Array.of(...sframe.encodeHeader(0x06n, 0n), ...crypto.getRandomValues(new Uint8Array(40)));
await refuses('a made-up frame of leaf 0 in epoch 6', () => bob.unprotect(forged), 'authentication');
check('keys kept after a made-up frame (only for KIDs that authenticated)', bob.epochs.get(6n).keys.size, 0);
check('the old epoch still decrypts', hex(await bob.unprotect(await alice.protect(frame))), hex(frame));
await bob.addEpoch({epoch: 21n, baseKey: crypto.getRandomValues(new Uint8Array(16)), leafIndex: 1, leafCount: 2});
await refuses('epoch 5 after epoch 21 took its slot', async () => bob.unprotect(await alice.protect(frame)),
  'authentication');

for (const failure of failures) console.error(`FAILED ${failure}`);
console.log(`SFrame RFC 9605 vectors: ${vectors.header.length} headers, ${vectors.sframe.length} encryption vector(s)`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
