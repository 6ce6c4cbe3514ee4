// SFrame (RFC 9605) for the media of calls in `e2ee` conversations, keyed from the conversation's MLS group
// (RFC 9605 §5.2). One cipher suite: AES_128_GCM_SHA256_128 (0x0004). No maintained library implements the final
// RFC for browsers (npm's `sframe` is a pre-RFC draft with another nonce and AEAD), so this module composes it from
// WebCrypto's HKDF-SHA256 and AES-128-GCM and nothing else; web-client/e2e/sframe-vectors.mjs checks it against the
// RFC's test vectors (Appendix C). Shared by the transform worker (sframe-worker.js) and the tests; no DOM.
//
// KIDs and counters are 64-bit unsigned, so they are BigInts throughout.

export const CIPHER_SUITE = 0x0004;
/** AEAD.Nk, AEAD.Nn, AEAD.Nt of AES_128_GCM_SHA256_128 (RFC 9605 §4.5). */
export const KEY_BYTES = 16;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** RFC 9605 §5.2: base_key = MLS-Exporter("SFrame 1.0 Base Key", "", AEAD.Nk). */
export const MLS_EXPORTER_LABEL = 'SFrame 1.0 Base Key';

const U64_MAX = (1n << 64n) - 1n;
const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

export class SFrameError extends Error {
  /** @param {'malformed'|'unknown-key'|'own-key'|'replay'|'authentication'} reason */
  constructor(reason, message) {
    super(message ?? reason);
    this.reason = reason;
  }
}

function u64(value, what) {
  const n = BigInt(value);
  if (n < 0n || n > U64_MAX) throw new RangeError(`${what} out of range: ${value}`);
  return n;
}

/** The minimal big-endian bytes of n (at least one). */
function minimalBytes(n) {
  const out = [];
  do {
    out.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  return out;
}

function bigEndian(n, length) {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** The SFrame header for (KID, CTR) (RFC 9605 §4.3): a config byte, then the KID and CTR that do not fit in it. */
export function encodeHeader(kid, ctr) {
  kid = u64(kid, 'KID');
  ctr = u64(ctr, 'CTR');
  let config = 0;
  const tail = [];
  if (kid < 8n) {
    config |= Number(kid) << 4;
  } else {
    const bytes = minimalBytes(kid);
    config |= 0x80 | ((bytes.length - 1) << 4);
    tail.push(...bytes);
  }
  if (ctr < 8n) {
    config |= Number(ctr);
  } else {
    const bytes = minimalBytes(ctr);
    config |= 0x08 | (bytes.length - 1);
    tail.push(...bytes);
  }
  return Uint8Array.of(config, ...tail);
}

/**
 * Reads the SFrame header at the start of `bytes`: `{kid, ctr, length}`. Refuses a header cut short and a value not
 * in its minimal encoding (RFC 9605 §4.3: "MUST be encoded with the minimum number of bytes"), so each header has
 * exactly one encoding.
 */
export function decodeHeader(bytes) {
  if (bytes.length < 1) throw new SFrameError('malformed', 'empty SFrame ciphertext');
  const config = bytes[0];
  let offset = 1;
  const field = (extended, low, what) => {
    if (!extended) return BigInt(low);
    const length = low + 1;
    if (offset + length > bytes.length) throw new SFrameError('malformed', `${what} cut short`);
    let value = 0n;
    for (let i = 0; i < length; i++) value = (value << 8n) | BigInt(bytes[offset + i]);
    if (value < 8n || (length > 1 && bytes[offset] === 0)) throw new SFrameError('malformed', `${what} not minimal`);
    offset += length;
    return value;
  };
  const kid = field((config & 0x80) !== 0, (config >> 4) & 0x07, 'KID');
  const ctr = field((config & 0x08) !== 0, config & 0x07, 'CTR');
  return {kid, ctr, length: offset};
}

/** "SFrame 1.0 Secret key " + KID (8 bytes, big-endian) + cipher_suite (2 bytes) (RFC 9605 §4.4.2). */
export function keyLabel(kid) {
  return label('SFrame 1.0 Secret key ', kid);
}

export function saltLabel(kid) {
  return label('SFrame 1.0 Secret salt ', kid);
}

function label(prefix, kid) {
  return Uint8Array.of(...encoder.encode(prefix), ...bigEndian(u64(kid, 'KID'), 8),
    ...bigEndian(BigInt(CIPHER_SUITE), 2));
}

/** A base_key as a WebCrypto HKDF key, usable only to derive (never read back). */
export function importBaseKey(bytes) {
  if (bytes.length !== KEY_BYTES) throw new RangeError(`a base_key has ${KEY_BYTES} bytes, not ${bytes.length}`);
  return crypto.subtle.importKey('raw', bytes, 'HKDF', false, ['deriveBits', 'deriveKey']);
}

/**
 * derive_key_salt(KID, base_key) (RFC 9605 §4.4.2): HKDF-SHA256 with an empty salt (HKDF-Extract("", base_key))
 * expanded with the KID's labels. The key stays in WebCrypto (extractable only when a test asks).
 */
export async function deriveKeySalt(kid, baseKey, {extractable = false} = {}) {
  const hkdf = info => ({name: 'HKDF', hash: 'SHA-256', salt: EMPTY, info});
  const key = await crypto.subtle.deriveKey(hkdf(keyLabel(kid)), baseKey, {name: 'AES-GCM', length: KEY_BYTES * 8},
    extractable, ['encrypt', 'decrypt']);
  const salt = new Uint8Array(await crypto.subtle.deriveBits(hkdf(saltLabel(kid)), baseKey, NONCE_BYTES * 8));
  return {key, salt};
}

/** The nonce: sframe_salt XOR CTR as a big-endian integer of AEAD.Nn bytes (RFC 9605 §4.4.3). */
export function nonceFor(salt, ctr) {
  const counter = bigEndian(u64(ctr, 'CTR'), NONCE_BYTES);
  return counter.map((byte, i) => byte ^ salt[i]);
}

/** encrypt(CTR, KID, metadata, plaintext) (RFC 9605 §4.4.3): header + AEAD.Encrypt(key, nonce, aad, pt). */
export async function encrypt({key, salt}, kid, ctr, metadata, plaintext) {
  const header = encodeHeader(kid, ctr);
  const sealed = await crypto.subtle.encrypt(
    {name: 'AES-GCM', iv: nonceFor(salt, ctr), additionalData: concat(header, metadata), tagLength: TAG_BYTES * 8},
    key, plaintext);
  return concat(header, new Uint8Array(sealed));
}

/**
 * decrypt(metadata, sframe_ciphertext) (RFC 9605 §4.4.4) once the caller found the key for the header's KID:
 * `header` is decodeHeader(ciphertext). Throws SFrameError('authentication') when the tag does not verify.
 */
export async function decrypt({key, salt}, header, metadata, ciphertext) {
  if (ciphertext.length < header.length + TAG_BYTES) throw new SFrameError('malformed', 'SFrame ciphertext too short');
  try {
    const opened = await crypto.subtle.decrypt(
      {name: 'AES-GCM', iv: nonceFor(salt, header.ctr), tagLength: TAG_BYTES * 8,
        additionalData: concat(ciphertext.subarray(0, header.length), metadata)},
      key, ciphertext.subarray(header.length));
    return new Uint8Array(opened);
  } catch {
    throw new SFrameError('authentication', 'SFrame ciphertext did not authenticate');
  }
}

function concat(a, b) {
  const out = new Uint8Array(a.length + (b?.length ?? 0));
  out.set(a);
  if (b) out.set(b, a.length);
  return out;
}

// ---- RFC 9605 §5.2: keys from MLS ----

/** S: the smallest number of bits with group_size <= 1 << S (the group's leaves, blank ones too, so any index fits). */
export function indexBits(leafCount) {
  let bits = 0;
  while ((1 << bits) < leafCount) bits++;
  return bits;
}

/** KID = (context << (S + E)) + (sender_index << E) + (epoch % (1 << E)). */
export function mlsKid({context = 0n, senderIndex, epoch, indexBits: s, epochBits: e}) {
  const index = BigInt(senderIndex);
  if (index >= (1n << BigInt(s))) throw new RangeError(`sender index ${senderIndex} does not fit in ${s} bits`);
  return u64((BigInt(context) << BigInt(s + e)) + (index << BigInt(e)) + (BigInt(epoch) % (1n << BigInt(e))), 'KID');
}

/**
 * The SFrame side of one member of an MLS group across its epochs: the base_key of each epoch it was given, the KID
 * it sends with (its own leaf index in the newest epoch), and the keys it derived, on demand, for the KIDs it saw
 * ciphertexts authenticate with.
 *
 * - A base_key is labelled with the low E bits of its epoch; a newer epoch with the same low bits replaces the older
 *   one and every key derived from it (RFC 9605 §5.2), so at most 2^E epochs are live at once.
 * - Keys are for encryption or decryption, never both (§4.4.1): the member's own KIDs only encrypt, a ciphertext
 *   under one of them is refused.
 * - Each sending KID has its own counter from 0, shared by every stream that sends with it, so a (key, nonce) pair
 *   is never used twice. Receiving keys keep a window of the counters seen, so a replayed frame is refused.
 */
export class MlsSFrameContext {
  constructor({epochBits = 4, replayWindow = 1024} = {}) {
    this.epochBits = epochBits;
    this.replayWindow = BigInt(replayWindow);
    this.epochs = new Map();   // epoch % 2^E → {epoch, baseKey, leafIndex, indexBits, keys: Map(kid → keys)}
    this.current = null;       // the epoch senders use
  }

  /**
   * Takes in the base_key of an epoch (`baseKey`: 16 bytes from the exporter, or an HKDF CryptoKey), this member's
   * leaf index and, if known, the number of leaves in the group's tree. A member may learn of an older epoch after a
   * newer one (two commits in quick succession): it is kept for decryption but does not become the sending epoch; an
   * epoch older than the one it would replace is ignored.
   */
  async addEpoch({epoch, baseKey, leafIndex, leafCount}) {
    epoch = u64(epoch, 'epoch');
    const slot = epoch % (1n << BigInt(this.epochBits));
    const held = this.epochs.get(slot);
    if (held && held.epoch >= epoch) return false;
    const key = baseKey instanceof Uint8Array ? await importBaseKey(baseKey) : baseKey;
    // S only bounds the indices (with context 0 a KID is the same whatever S is): without the group's size, an
    // MLS leaf index's 32 bits
    const bits = leafCount ? indexBits(Math.max(leafCount, leafIndex + 1)) : 32;
    const entry = {epoch, baseKey: key, leafIndex, indexBits: bits, keys: new Map()};
    this.epochs.set(slot, entry);
    if (!this.current || this.current.epoch < epoch || this.current === held) this.current = entry;
    return true;
  }

  get sendingEpoch() {
    return this.current?.epoch ?? null;
  }

  /** The KID this member sends with now (context 0: the shortest header). */
  sendingKid() {
    const entry = this.current;
    if (!entry) return null;
    return mlsKid({senderIndex: entry.leafIndex, epoch: entry.epoch, indexBits: entry.indexBits,
      epochBits: this.epochBits});
  }

  #derive(entry, kid, role) {
    return deriveKeySalt(kid, entry.baseKey)
      .then(derived => ({role, ...derived, next: 0n, highest: -1n, seen: new Set()}));
  }

  async #sendingKeys(entry, kid) {
    const keys = entry.keys.get(kid) ?? await this.#derive(entry, kid, 'encrypt');
    const held = entry.keys.get(kid); // a concurrent frame may have derived them meanwhile: one counter for all
    if (held) return held;
    entry.keys.set(kid, keys);
    return keys;
  }

  /** Encrypts one frame with this member's KID of the sending epoch; throws SFrameError('unknown-key') without one. */
  async protect(plaintext, metadata = EMPTY) {
    const entry = this.current;
    if (!entry) throw new SFrameError('unknown-key', 'no epoch to send with yet');
    const kid = this.sendingKid();
    const keys = await this.#sendingKeys(entry, kid);
    const ctr = keys.next;
    keys.next = ctr + 1n;
    return encrypt(keys, kid, ctr, metadata, plaintext);
  }

  /** Decrypts one SFrame ciphertext; throws SFrameError with the reason it was dropped. */
  async unprotect(ciphertext, metadata = EMPTY) {
    const header = decodeHeader(ciphertext);
    const e = BigInt(this.epochBits);
    const entry = this.epochs.get(header.kid % (1n << e));
    if (!entry) throw new SFrameError('unknown-key', `no epoch for KID ${header.kid}`);
    const index = (header.kid >> e) & ((1n << BigInt(entry.indexBits)) - 1n);
    // members of this app send with context 0 only: any other KID is refused before a key is derived for it
    if (header.kid >> (e + BigInt(entry.indexBits)) !== 0n) {
      throw new SFrameError('unknown-key', `KID ${header.kid} has a context`);
    }
    if (index === BigInt(entry.leafIndex)) throw new SFrameError('own-key', `KID ${header.kid} is this member's own`);
    let keys = entry.keys.get(header.kid);
    const fresh = keys === undefined;
    if (fresh) keys = await this.#derive(entry, header.kid, 'decrypt');
    else this.#refuseReplay(keys, header);
    const plaintext = await decrypt(keys, header, metadata, ciphertext);
    // keys are kept only once a ciphertext authenticated with them, so made-up KIDs cannot fill the store
    if (fresh) keys = entry.keys.get(header.kid) ?? (entry.keys.set(header.kid, keys), keys);
    this.#refuseReplay(keys, header); // again: another frame of this KID may have been let in meanwhile
    this.#remember(keys, header.ctr);
    return plaintext;
  }

  #refuseReplay(keys, {kid, ctr}) {
    if (keys.seen.has(ctr) || ctr + this.replayWindow <= keys.highest) {
      throw new SFrameError('replay', `CTR ${ctr} of KID ${kid} seen`);
    }
  }

  #remember(keys, ctr) {
    keys.seen.add(ctr);
    if (ctr > keys.highest) keys.highest = ctr;
    if (keys.seen.size > 2 * Number(this.replayWindow)) {
      for (const old of keys.seen) if (old + this.replayWindow <= keys.highest) keys.seen.delete(old);
    }
  }
}
