// Files go straight between the browser and S3: storage-service only hands out presigned URLs.
// Upload: announce (POST /api/v1/files) → PUT the bytes to uploadUrl with the uploadHeaders it lists (or each part
// of a multipart upload to its own URL) → POST /complete. Download: GET /download → a short-lived presigned URL.
import {get, post} from './api.js';

/** Uploads a File and answers the completed file view. `onProgress(fraction)` follows the bytes sent. */
export async function upload(file, onProgress = () => {}) {
  const sha256 = await digest(file);
  const ticket = await post('/api/v1/files', {
    name: file.name || 'file',
    size: file.size,
    contentType: file.type || 'application/octet-stream',
    sha256,
    encrypted: false,
  });
  if (ticket.uploadUrl) {
    await put(ticket.uploadUrl, ticket.uploadHeaders ?? {}, file, sent => onProgress(sent / Math.max(1, file.size)));
  } else {
    let done = 0;
    for (const part of ticket.multipart.parts) {
      const start = (part.partNumber - 1) * ticket.multipart.partSize;
      await put(part.url, {}, file.slice(start, start + part.size),
        sent => onProgress((done + sent) / file.size));
      done += part.size;
    }
  }
  onProgress(1);
  return post(`/api/v1/files/${ticket.id}/complete`);
}

async function digest(file) {
  const hash = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(hash)].map(b => b.toString(16).padStart(2, '0')).join('');
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

/** Saves the file under its name: the presigned URL carries Content-Disposition: attachment. */
export async function download(fileId) {
  const {url} = await get(`/api/v1/files/${fileId}/download`);
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
