// Bytes as the API carries them: standard base64 for MLS messages and keys, base64url inside a JWS.

export function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Standard or URL-safe base64, padded or not; throws on anything else (a malformed blob is refused, not guessed). */
export function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new Error('not base64');
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, c => c.charCodeAt(0));
}

export const utf8 = text => new TextEncoder().encode(text);
export const fromUtf8 = bytes => new TextDecoder('utf-8', {fatal: true}).decode(bytes);

export function equal(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** A conversation's UUID as the 16 bytes of its MLS group id (docs/e2ee.md). */
export function uuidBytes(uuid) {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('not a UUID');
  return Uint8Array.from(hex.match(/../g), pair => parseInt(pair, 16));
}

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}
