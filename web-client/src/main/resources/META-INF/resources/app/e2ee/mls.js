// ts-mls as this app uses it: cipher suite 1 (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519), the device's own
// Ed25519 key kept as a non-extractable WebCrypto key, and one lock around every MLS operation.
import {
  decodeGroupState, decodeMlsMessage, defaultCapabilities, defaultCryptoProvider, defaultKeyPackageEqualityConfig,
  defaultKeyRetentionConfig, defaultLifetime, defaultLifetimeConfig, defaultPaddingConfig, encodeGroupState,
  encodeMlsMessage, generateKeyPackageWithKey, getCiphersuiteFromName,
} from 'ts-mls';
import {fromBase64, toBase64, utf8} from './bytes.js';

export const SUITE = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';

/**
 * ts-mls wants the signature private key as bytes and hands those bytes back to the provider's sign(). We give it
 * a handle (this marker and the device id) instead, and sign with the WebCrypto key the handle names: the private
 * key is generated non-extractable, so no script (ours or one injected) can ever read it out of the browser, only
 * ask it to sign while the page runs. Everything else is ts-mls's default provider (WebCrypto, @hpke/core).
 */
const HANDLE_PREFIX = 'sc-webcrypto-ed25519:';
const deviceKeys = new Map();   // handle text → CryptoKey (Ed25519, private, non-extractable)

export function signingHandle(deviceId, privateKey) {
  const handle = `${HANDLE_PREFIX}${deviceId}`;
  deviceKeys.set(handle, privateKey);
  return utf8(handle);
}

function keyOfHandle(bytes) {
  if (bytes.length <= HANDLE_PREFIX.length || bytes.length > HANDLE_PREFIX.length + 64) return undefined;
  return deviceKeys.get(new TextDecoder().decode(bytes));
}

/** The signature keys that verified a signature while `recording` runs (see senderOf). */
let verifiedKeys = null;

const provider = {
  async getCiphersuiteImpl(suite) {
    const base = await defaultCryptoProvider.getCiphersuiteImpl(suite);
    const signature = {
      async sign(signKey, message) {
        const key = keyOfHandle(signKey);
        if (!key) throw new Error('no device key for this signature');
        return new Uint8Array(await crypto.subtle.sign('Ed25519', key, message));
      },
      async verify(publicKey, message, signatureBytes) {
        const ok = await base.signature.verify(publicKey, message, signatureBytes);
        if (ok && verifiedKeys) verifiedKeys.push(publicKey);
        return ok;
      },
      keygen: () => { throw new Error('device keys are made by device.js'); },
    };
    return {...base, signature};
  },
};

let suitePromise = null;
export function suite() {
  suitePromise ??= provider.getCiphersuiteImpl(getCiphersuiteFromName(SUITE));
  return suitePromise;
}

let lockTail = Promise.resolve();
/** Runs MLS work one piece at a time across all conversations (senderOf relies on it: nothing else verifies meanwhile). */
export function exclusive(work) {
  const run = lockTail.then(work, work);
  lockTail = run.catch(() => {});
  return run;
}

/**
 * Decrypts an application message and tells who signed it. ts-mls checks the sender's signature inside
 * processPrivateMessage but does not return the sender, so we note the key that verified: for an application
 * message that is exactly one signature, the sender's leaf (call inside exclusive()).
 */
export async function withSigner(work) {
  verifiedKeys = [];
  try {
    const result = await work();
    return {result, signers: verifiedKeys};
  } finally {
    verifiedKeys = null;
  }
}

export function clientConfig(authService) {
  return {
    keyRetentionConfig: defaultKeyRetentionConfig,
    lifetimeConfig: defaultLifetimeConfig,
    keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
    paddingConfig: defaultPaddingConfig,
    authService,
  };
}

export async function newKeyPackage(credentialJws, signatureKeyPair) {
  const credential = {credentialType: 'basic', identity: utf8(credentialJws)};
  return generateKeyPackageWithKey(credential, defaultCapabilities(), defaultLifetime, [], signatureKeyPair, await suite());
}

export const encodeKeyPackage = keyPackage =>
  toBase64(encodeMlsMessage({version: 'mls10', wireformat: 'mls_key_package', keyPackage}));
export const encodeWelcome = welcome => toBase64(encodeMlsMessage({version: 'mls10', wireformat: 'mls_welcome', welcome}));
export const encodePrivate = privateMessage =>
  toBase64(encodeMlsMessage({version: 'mls10', wireformat: 'mls_private_message', privateMessage}));
export const encodeMessage = message => toBase64(encodeMlsMessage(message));

/** A whole MLSMessage from base64, or an error: trailing bytes are refused like any other malformed input. */
export function decodeMessage(text) {
  const bytes = fromBase64(text);
  const decoded = decodeMlsMessage(bytes, 0);
  if (!decoded || decoded[1] !== bytes.length) throw new Error('not an MLS message');
  return decoded[0];
}

/** The epoch a handshake or application message was made in. */
export function epochOf(message) {
  if (message.wireformat === 'mls_public_message') return message.publicMessage.content.epoch;
  if (message.wireformat === 'mls_private_message') return message.privateMessage.epoch;
  return undefined;
}

export const saveState = state => encodeGroupState(state);

export function loadState(bytes, config) {
  const decoded = decodeGroupState(bytes, 0);
  if (!decoded) throw new Error('stored group state does not decode');
  return {...decoded[0], clientConfig: config};
}

/** The occupied leaves: index, signature key and credential (not yet checked: see CredentialChecker). */
export function leavesOf(state) {
  const leaves = [];
  state.ratchetTree.forEach((node, nodeIndex) => {
    if (nodeIndex % 2 === 0 && node?.nodeType === 'leaf') {
      leaves.push({leafIndex: nodeIndex / 2, signatureKey: node.leaf.signaturePublicKey, credential: node.leaf.credential});
    }
  });
  return leaves;
}
