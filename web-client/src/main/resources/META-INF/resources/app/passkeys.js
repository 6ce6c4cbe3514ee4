// Passkeys (WebAuthn) in the browser: the server's options go to navigator.credentials as they are
// (PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON) and the authenticator's answer
// comes back as credential.toJSON(), so no byte is encoded by hand here. The server keeps each challenge under the
// registrationId / requestId it hands out; docs/identity.md ("Passkeys") holds the endpoints.
import {get, post, patch, del} from './api.js';

/** Whether this browser can make and use passkeys with the JSON forms of WebAuthn that this module relies on. */
export function passkeysSupported() {
  return typeof window.PublicKeyCredential === 'function'
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
}

function requireSupport() {
  if (!passkeysSupported()) {
    throw Object.assign(new Error('This browser cannot use passkeys.'), {name: 'NotSupportedError'});
  }
}

/**
 * Adds a passkey made by this device's authenticator to the signed-in account; answers the new passkey. `password`
 * is the account's (an access token alone must not add a lasting credential); an account without a password (made by
 * single sign-on) sends none, and the server then wants a recent sign-in (PASSKEY_REAUTHENTICATE otherwise).
 */
export async function registerPasskey(name, password) {
  requireSupport();
  const {registrationId, publicKey} = await post('/api/v1/users/me/passkeys/options', password ? {password} : {});
  const credential = await navigator.credentials.create({
    publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(publicKey),
  });
  return post('/api/v1/users/me/passkeys', {registrationId, name, credential: credential.toJSON()});
}

/**
 * Signs in without a password: the authenticator offers the passkeys it holds for this site and verifies its user.
 * Answers what a login answers (the token shape); starting the session is the caller's.
 */
export async function signInWithPasskey(deviceName) {
  requireSupport();
  const {requestId, publicKey} = await post('/api/v1/auth/passkey/options', undefined, {anonymous: true});
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(publicKey),
  });
  return post('/api/v1/auth/passkey/login', {requestId, credential: credential.toJSON(), deviceName},
    {anonymous: true});
}

/** Answers a password login's second-factor challenge with one of the account's passkeys; answers the tokens. */
export async function passkeySecondFactor(mfaToken) {
  requireSupport();
  const {requestId, publicKey} = await post('/api/v1/auth/mfa/passkey/options', {mfaToken}, {anonymous: true});
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(publicKey),
  });
  return post('/api/v1/auth/mfa/verify', {mfaToken, passkey: {requestId, credential: credential.toJSON()}},
    {anonymous: true});
}

/** The signed-in account's passkeys: [{id, name, createdAt, lastUsedAt}], oldest first. */
export async function listPasskeys() {
  return (await get('/api/v1/users/me/passkeys')).items;
}

export const renamePasskey = (id, name) => patch(`/api/v1/users/me/passkeys/${encodeURIComponent(id)}`, {name});

export const deletePasskey = id => del(`/api/v1/users/me/passkeys/${encodeURIComponent(id)}`);
