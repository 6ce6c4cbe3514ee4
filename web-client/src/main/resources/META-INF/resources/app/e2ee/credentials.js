// Device credentials: each MLS leaf carries, as its basic credential's identity, a JWS (ES256) in which chat-service
// says "device `dev` of user `sub` signs with key `sig`" (docs/e2ee.md). A leaf is accepted only when that JWS
// verifies against the issuer keys and `sig` is the leaf's own signature key; the user and device a leaf stands for
// are then read from the credential, never from what the server says next to it.
import {get} from '../api.js';
import {fromBase64, fromUtf8, utf8, equal, toBase64} from './bytes.js';

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An unknown kid reloads the issuer keys at most this often (a made-up kid must not make us fetch in a loop). */
const RELOAD_AT_MOST_EVERY_MS = 60_000;

/**
 * The issuer keys could not be had (the network, chat-service restarting): nothing was checked, so nothing is
 * accepted, but nothing is refused for good either: the change is tried again at the next sync.
 */
export class CannotCheckYet extends Error {}

export class CredentialChecker {
  constructor() {
    this.issuerKeys = null;         // kid → CryptoKey, loaded on first use
    this.identities = new Map();    // base64 signature key → {userId, deviceId}: leaves that verified
  }

  /** ts-mls's AuthenticationService hook: called for every leaf of a Welcome's tree, of a commit and of an Add. */
  get authenticationService() {
    return {validateCredential: (credential, signatureKey) => this.validate(credential, signatureKey)};
  }

  async validate(credential, signatureKey) {
    try {
      return (await this.identify(credential, signatureKey)) !== null;
    } catch (e) {
      if (e instanceof CannotCheckYet) throw e;
      console.warn('credential refused', e);
      return false;
    }
  }

  /** The {userId, deviceId} a leaf's credential vouches for, or null when it does not verify. */
  async identify(credential, signatureKey) {
    if (credential?.credentialType !== 'basic') return null;
    const claims = await this.verifyJws(fromUtf8(credential.identity));
    if (!claims || !UUID.test(claims.sub ?? '') || !DEVICE_ID.test(claims.dev ?? '')) return null;
    if (!equal(fromBase64(claims.sig ?? ''), signatureKey)) return null;
    const identity = {userId: claims.sub.toLowerCase(), deviceId: claims.dev};
    this.identities.set(toBase64(signatureKey), identity);
    return identity;
  }

  /** The identity of a signature key seen in a verified leaf (what a decrypted message was signed with). */
  identityOfKey(signatureKey) {
    return this.identities.get(toBase64(signatureKey)) ?? null;
  }

  /** The JWS's payload when its ES256 signature verifies against a published issuer key, else null. */
  async verifyJws(jws) {
    const parts = jws.split('.');
    if (parts.length !== 3) return null;
    const header = JSON.parse(fromUtf8(fromBase64(parts[0])));
    if (header.alg !== 'ES256' || typeof header.kid !== 'string') return null;
    const key = await this.#issuerKey(header.kid);
    if (!key) return null;
    const ok = await crypto.subtle.verify({name: 'ECDSA', hash: 'SHA-256'}, key, fromBase64(parts[2]),
      utf8(`${parts[0]}.${parts[1]}`));
    return ok ? JSON.parse(fromUtf8(fromBase64(parts[1]))) : null;
  }

  /** Issuer keys by kid; an unknown kid reloads the set (the issuer key may have been rotated), not too often. */
  async #issuerKey(kid) {
    if (!this.issuerKeys || (!this.issuerKeys.has(kid) && Date.now() - this.loadedAt > RELOAD_AT_MOST_EVERY_MS)) {
      this.loading ??= this.#loadIssuerKeys().finally(() => { this.loading = null; });
      await this.loading;
    }
    return this.issuerKeys.get(kid) ?? null;
  }

  async #loadIssuerKeys() {
    const jwks = await get('/api/v1/keys/credential-issuer').catch(e => {
      throw new CannotCheckYet(`the credential issuer keys could not be loaded: ${e.message ?? e}`);
    });
    const keys = new Map();
    for (const jwk of jwks.keys ?? []) {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.kid) continue;
      const {kty, crv, x, y} = jwk;
      keys.set(jwk.kid, await crypto.subtle.importKey('jwk', {kty, crv, x, y}, {name: 'ECDSA', namedCurve: 'P-256'},
        false, ['verify']));
    }
    this.issuerKeys = keys;
    this.loadedAt = Date.now();
  }
}
