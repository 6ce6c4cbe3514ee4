// Files go straight between the browser and S3: storage-service only hands out presigned URLs.
// Upload: announce (POST /api/v1/files) → PUT the bytes to uploadUrl with the uploadHeaders it lists (or each part
// of a multipart upload to its own URL) → POST /complete. Download: GET /download → a short-lived presigned URL.
//
// In an e2ee conversation (docs/e2ee.md, "Files") the file is encrypted here first, with a fresh AES-256-GCM key and
// IV, and what goes up is that ciphertext under a neutral name and type: storage-service and S3 never see the name,
// the type or a byte of the content. The key, IV, real name, type, size and SHA-256 go inside the MLS message.
import {get, post} from './api.js';
import {fromBase64, toBase64} from './e2ee/bytes.js';

/** Encrypted in memory in one piece (WebCrypto has no streaming AES-GCM): beyond this a browser tab may give up. */
const MAX_ENCRYPTED_SIZE = 256 * 1024 * 1024;
/** The only types a decrypted file keeps (to show it inline); anything else is handed over as opaque bytes. */
const INLINE_TYPES = /^image\/(png|jpeg|gif|webp|avif)$/;

/** Uploads a File and answers the completed file view. `onProgress(fraction)` follows the bytes sent. */
export function upload(file, onProgress = () => {}) {
  return store(file, {name: file.name || 'file', contentType: file.type || 'application/octet-stream'}, false, onProgress);
}

/**
 * Encrypts a File and uploads the ciphertext; answers the `file` plaintext of the MLS message that will carry it:
 * {kind: 'file', fileId, name, mime, size, key, iv, sha256} (key and IV base64, sha256 hex of the plaintext).
 */
export async function uploadEncrypted(file, onProgress = () => {}) {
  if (file.size > MAX_ENCRYPTED_SIZE) {
    throw new Error(`an encrypted file holds at most ${MAX_ENCRYPTED_SIZE / 1024 / 1024} MB`);
  }
  const plaintext = new Uint8Array(await file.arrayBuffer());
  const keyBytes = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['encrypt']);
  const ciphertext = await crypto.subtle.encrypt({name: 'AES-GCM', iv}, key, plaintext);
  const stored = await store(new Blob([ciphertext]), {name: 'encrypted.bin', contentType: 'application/octet-stream'},
    true, onProgress);
  return {kind: 'file', fileId: stored.id, name: shortName(file.name || 'file'), mime: (file.type || '').slice(0, 255),
    size: file.size, key: toBase64(keyBytes), iv: toBase64(iv), sha256: hex(await sha256(plaintext))};
}

/** What content.js accepts (at most 255 characters): a long name keeps its start and its extension. */
function shortName(name) {
  return name.length <= 255 ? name : `${name.slice(0, 200)}…${name.slice(-54)}`;
}

async function store(blob, {name, contentType}, encrypted, onProgress) {
  const ticket = await post('/api/v1/files', {
    name,
    size: blob.size,
    contentType,
    sha256: hex(await sha256(await blob.arrayBuffer())),
    encrypted,
  });
  if (ticket.uploadUrl) {
    await put(ticket.uploadUrl, ticket.uploadHeaders ?? {}, blob, sent => onProgress(sent / Math.max(1, blob.size)));
  } else {
    let done = 0;
    for (const part of ticket.multipart.parts) {
      const start = (part.partNumber - 1) * ticket.multipart.partSize;
      await put(part.url, {}, blob.slice(start, start + part.size),
        sent => onProgress((done + sent) / blob.size));
      done += part.size;
    }
  }
  onProgress(1);
  return post(`/api/v1/files/${ticket.id}/complete`);
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function hex(bytes) {
  return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** XMLHttpRequest rather than fetch: it reports upload progress. */
function put(url, headers, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // the browser sets these itself and refuses to be told
      if (!['content-length', 'host'].includes(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = event => onProgress(event.loaded);
    xhr.onload = () => xhr.status >= 200 && xhr.status < 300 ? resolve()
      : reject(new Error(`upload refused by storage (${xhr.status})`));
    xhr.onerror = () => reject(new Error('upload failed: storage not reachable'));
    xhr.send(body);
  });
}

/** The file's bytes as a Blob, through a fresh presigned URL. */
export async function fetchBlob(fileId) {
  const {url} = await get(`/api/v1/files/${fileId}/download`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed (${response.status})`);
  return response.blob();
}

/**
 * An encrypted file's plaintext as a Blob: the ciphertext is fetched, decrypted with the key of its `file` message
 * and accepted only if its SHA-256 is the one the sender put there. The Blob's type is the sender's only for the
 * image types shown inline.
 */
export async function fetchDecrypted(file) {
  const ciphertext = await (await fetchBlob(file.fileId)).arrayBuffer();
  let plaintext;
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64(file.key), 'AES-GCM', false, ['decrypt']);
    plaintext = new Uint8Array(await crypto.subtle.decrypt({name: 'AES-GCM', iv: fromBase64(file.iv)}, key, ciphertext));
  } catch {
    throw new Error(`${file.name} could not be decrypted: the stored file is not the one that was sent. It is not opened.`);
  }
  if (hex(await sha256(plaintext)) !== file.sha256) {
    throw new Error(`${file.name} does not match what was sent (its SHA-256 differs). It is not opened.`);
  }
  return new Blob([plaintext], {type: INLINE_TYPES.test(file.mime) ? file.mime : 'application/octet-stream'});
}

/** Saves the file under its name: the presigned URL carries Content-Disposition: attachment. */
export async function download(fileId) {
  const {url} = await get(`/api/v1/files/${fileId}/download`);
  click(url);
}

/** Decrypts an encrypted file (see fetchDecrypted) and saves it under its real name, which only this page knows. */
export async function downloadDecrypted(file) {
  const blob = await fetchDecrypted(file);
  // saved, never opened here: a blob URL is of this page's origin
  const url = URL.createObjectURL(new Blob([blob], {type: 'application/octet-stream'}));
  click(url, file.name);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function click(url, name) {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  if (name) link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}
