// This browser as an MLS device: its Ed25519 key (generated non-extractable, so it never leaves the browser), its
// registration with chat-service (which signs the credential), and its stock of KeyPackages on the server.
import {get, put, post, ApiError} from '../api.js';
import {toBase64} from './bytes.js';
import {encodeKeyPackage, newKeyPackage, signingHandle} from './mls.js';

const KEY_PACKAGES_PER_UPLOAD = 30;
const TOP_UP_BELOW = 10;

/** The device of this browser for the signed-in user: the one kept in the store, or a new one. */
export async function openDevice(store) {
  const kept = await store.get('device', 'self');
  if (kept) {
    try {
      // registering again with the same key is how a device follows its user into a new session (a sign-in after
      // the tab was closed); the server refuses another key for the same id
      const registered = await register(kept.deviceId, kept.publicKey);
      const device = {...kept, credential: registered.credential};
      await store.put('device', 'self', device);
      return withHandle(device);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500) throw e;
      console.warn('the kept device is refused; making a new one', e);
      await forgetEverything(store);
    }
  }
  const pair = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const deviceId = crypto.randomUUID();
  const registered = await register(deviceId, publicKey);
  const device = {deviceId, privateKey: pair.privateKey, publicKey, credential: registered.credential, createdAt: Date.now()};
  await store.put('device', 'self', device);
  return withHandle(device);
}

function register(deviceId, publicKey) {
  return put(`/api/v1/keys/devices/${encodeURIComponent(deviceId)}`, {signatureKey: toBase64(publicKey)});
}

function withHandle(device) {
  return {...device, signatureKeyPair: {signKey: signingHandle(device.deviceId, device.privateKey), publicKey: device.publicKey}};
}

async function forgetEverything(store) {
  const writes = [];
  for (const name of ['device', 'keyPackages', 'groups', 'outgoing', 'plaintexts']) {
    for (const [key] of await store.entries(name)) writes.push([name, key, undefined]);
  }
  if (writes.length) await store.write(writes);
}

/** Uploads KeyPackages when the server holds fewer than the low watermark (or no last-resort one). */
export async function topUpKeyPackages(store, device) {
  const stock = await get(`/api/v1/keys/devices/${encodeURIComponent(device.deviceId)}`);
  if (stock.keyPackages >= TOP_UP_BELOW && stock.lastResort) return stock.keyPackages;
  return uploadKeyPackages(store, device, KEY_PACKAGES_PER_UPLOAD, !stock.lastResort);
}

/**
 * Makes `count` one-time KeyPackages (and a last-resort one) and keeps their private halves before the public ones
 * go out: a Welcome may come for any package the server holds.
 */
export async function uploadKeyPackages(store, device, count, withLastResort) {
  const made = [];
  for (let i = 0; i < count + (withLastResort ? 1 : 0); i++) {
    const {publicPackage, privatePackage} = await newKeyPackage(device.credential, device.signatureKeyPair);
    made.push({id: crypto.randomUUID(), publicPackage, privatePackage, lastResort: withLastResort && i === count});
  }
  await store.write(made.map(kp => ['keyPackages', kp.id, kp]));
  const oneTime = made.filter(kp => !kp.lastResort).map(kp => encodeKeyPackage(kp.publicPackage));
  const lastResort = made.find(kp => kp.lastResort);
  // an older last-resort package stays kept: a Welcome may still come for one claimed before it was replaced
  const answer = await post(`/api/v1/keys/devices/${encodeURIComponent(device.deviceId)}/key-packages`, {
    keyPackages: oneTime,
    ...(lastResort ? {lastResort: encodeKeyPackage(lastResort.publicPackage)} : {}),
  });
  return answer.available;
}
