// The MLS operations of the web client, as ts-mls does them, with the credentials of docs/e2ee.md: a device's own
// Ed25519 key signs its KeyPackages, and the basic credential's identity is a compact JWS (ES256) from the issuer
// that names the device and that key. The authentication service hook verifies that JWS for every leaf it is asked
// about, as the client will (no cache, so the numbers are the honest upper bound).
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  processPrivateMessage,
  processPublicMessage,
} from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { encodeRatchetTree } from "ts-mls/ratchetTree.js";

export const CIPHER_SUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();
const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

/** The cipher suite implementation (WebCrypto for AES-GCM, SHA-256, X25519 and Ed25519, as in the browser). */
export async function cipherSuite() {
  return getCiphersuiteImpl(getCiphersuiteFromName(CIPHER_SUITE));
}

/**
 * Stands in for chat-service's credential issuer: an ES256 key that signs {sub, dev, sig, iat}, and the hook a client
 * gives ts-mls to accept a leaf only when its credential verifies and its `sig` is the leaf's signature key.
 */
export async function credentialIssuer() {
  const keys = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const header = b64url(utf8.encode(JSON.stringify({ alg: "ES256", kid: "bench-issuer-1" })));
  const ecdsa = { name: "ECDSA", hash: "SHA-256" };
  let checks = 0;
  return {
    async issue(userId, deviceId, signatureKey) {
      const payload = { sub: userId, dev: deviceId, sig: b64url(signatureKey), iat: Math.floor(Date.now() / 1000) };
      const input = `${header}.${b64url(utf8.encode(JSON.stringify(payload)))}`;
      const signature = new Uint8Array(await subtle.sign(ecdsa, keys.privateKey, utf8.encode(input)));
      return `${input}.${b64url(signature)}`;
    },
    authService: {
      async validateCredential(credential, signaturePublicKey) {
        checks++;
        if (credential.credentialType !== "basic") return false;
        const [h, p, s] = new TextDecoder().decode(credential.identity).split(".");
        if (s === undefined) return false;
        const ok = await subtle.verify(ecdsa, keys.publicKey, Buffer.from(s, "base64url"), utf8.encode(`${h}.${p}`));
        return ok && JSON.parse(Buffer.from(p, "base64url").toString()).sig === b64url(signaturePublicKey);
      },
    },
    get checks() {
      return checks;
    },
  };
}

/** A device: its Ed25519 key pair and its credential; makes KeyPackages signed with that key. */
export async function device(impl, issuer, n) {
  const signatureKeys = await impl.signature.keygen();
  return deviceWithCredential(impl, signatureKeys, await issuer.issue(crypto.randomUUID(), `device-${n}`, signatureKeys.publicKey));
}

export function deviceWithCredential(impl, signatureKeys, jws) {
  const credential = { credentialType: "basic", identity: utf8.encode(jws) };
  return {
    credential,
    async keyPackage() {
      return generateKeyPackageWithKey(credential, defaultCapabilities(), defaultLifetime, [], signatureKeys, impl);
    },
  };
}

/** The hook against chat-service's real issuer keys (GET /api/v1/keys/credential-issuer, a JWKS of ES256 keys). */
export async function jwksIssuer(jwks) {
  const keys = new Map();
  for (const jwk of jwks.keys ?? []) {
    keys.set(jwk.kid, await subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
  }
  return {
    authService: {
      async validateCredential(credential, signaturePublicKey) {
        if (credential.credentialType !== "basic") return false;
        const [h, p, s] = new TextDecoder().decode(credential.identity).split(".");
        if (s === undefined) return false;
        const key = keys.get(JSON.parse(Buffer.from(h, "base64url").toString()).kid);
        if (!key) return false;
        const ok = await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, Buffer.from(s, "base64url"), utf8.encode(`${h}.${p}`));
        return ok && JSON.parse(Buffer.from(p, "base64url").toString()).sig === b64url(signaturePublicKey);
      },
    },
  };
}

export const uuidBytes = (uuid) => Uint8Array.from(Buffer.from(uuid.replaceAll("-", ""), "hex"));

export function decodeKeyPackage(bytes) {
  const message = decodeMlsMessage(bytes, 0)?.[0];
  if (message?.wireformat !== "mls_key_package") throw new Error("not an MLS KeyPackage");
  return { publicPackage: message.keyPackage };
}

export function clientConfig(issuer) {
  return { ...defaultClientConfig, authService: issuer.authService };
}

export async function newGroup(impl, issuer, creatorKeyPackage) {
  return newGroupWithId(impl, issuer, crypto.getRandomValues(new Uint8Array(16)), creatorKeyPackage);
}

/** The group id is the conversation's UUID as 16 bytes. */
export async function newGroupWithId(impl, issuer, groupId, creatorKeyPackage) {
  return createGroup(groupId, creatorKeyPackage.publicPackage, creatorKeyPackage.privatePackage, [], impl, clientConfig(issuer));
}

const addProposal = (kp) => ({ proposalType: "add", add: { keyPackage: kp.publicPackage } });
const removeProposal = (leafIndex) => ({ proposalType: "remove", remove: { removed: leafIndex } });

export const keyPackageBytes = (kp) =>
  encodeMlsMessage({ version: "mls10", wireformat: "mls_key_package", keyPackage: kp.publicPackage });

/**
 * A commit as the DS wants it: a PublicMessage (so chat-service can check it), proposals by value, no ratchet tree
 * extension (the tree travels beside the Welcome). ts-mls states are immutable, so `state` can be committed from
 * again and again: every repetition measures the same group.
 */
export async function commit(impl, state, keyPackages = [], removeLeaves = []) {
  const result = await createCommit(
    { state, cipherSuite: impl },
    { wireAsPublicMessage: true, extraProposals: [...removeLeaves.map(removeProposal), ...keyPackages.map(addProposal)] },
  );
  const commitBytes = encodeMlsMessage(result.commit);
  const welcomeBytes = result.welcome
    ? encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome: result.welcome })
    : undefined;
  return { ...result, commitBytes, welcomeBytes };
}

export const encodeTree = (state) => encodeRatchetTree(state.ratchetTree);

export function pathCiphertexts(result) {
  const path = result.commit.publicMessage.content.commit.path;
  return path ? path.nodes.reduce((n, node) => n + node.encryptedPathSecret.length, 0) : 0;
}

/** A member applies a commit it received (decoded from the wire, as it would come from the DS). */
export async function applyCommit(impl, state, commitBytes) {
  const message = decodeMlsMessage(commitBytes, 0)[0];
  const { newState } = await processPublicMessage(state, message.publicMessage, emptyPskIndex, impl);
  return newState;
}

/** A device joins from a Welcome and the ratchet tree sent beside it (every leaf's credential is checked). */
export async function join(impl, issuer, welcomeBytes, tree, keyPackage) {
  const welcome = decodeMlsMessage(welcomeBytes, 0)[0].welcome;
  return joinGroup(welcome, keyPackage.publicPackage, keyPackage.privatePackage, emptyPskIndex, impl, tree, undefined, clientConfig(issuer));
}

export async function encrypt(impl, state, plaintext) {
  const { newState, privateMessage } = await createApplicationMessage(state, plaintext, impl);
  return { newState, bytes: encodeMlsMessage({ version: "mls10", wireformat: "mls_private_message", privateMessage }) };
}

export async function decrypt(impl, state, bytes) {
  const message = decodeMlsMessage(bytes, 0)[0];
  const result = await processPrivateMessage(state, message.privateMessage, emptyPskIndex, impl);
  if (result.kind !== "applicationMessage") throw new Error(`expected an application message, got ${result.kind}`);
  return result;
}

export const stateBytes = (state) => encodeGroupState(state);
