// Single sign-on (docs/identity.md): the configured providers and their start addresses for the sign-in screen, a
// one-time start address that connects a provider to the signed-in account, and the pages a provider's callback
// leads to: /sso/complete (a ticket becomes a session), /sso/link (an existing account confirms with its password)
// and /sso/error (what went wrong, in words).
import {h, replace, field} from './dom.js';
import {get, post, del, ApiError} from './api.js';
import * as session from './session.js';
import * as auth from './ui/auth.js';

const DEVICE_NAME = 'Web browser';

const ERRORS = {
  SSO_STATE_INVALID: 'This sign-in was not started in this browser, or it took too long. Start it again.',
  SSO_TOKEN_INVALID: 'The provider’s answer could not be verified, so you were not signed in. Start again; if it keeps happening, tell your administrator.',
  SSO_EMAIL_UNVERIFIED: 'Your provider does not confirm that email address belongs to you, so it cannot sign you in to an account here.',
  SSO_PROVIDER_ERROR: 'The provider did not sign you in (you may have cancelled). Start again when you are ready.',
  SSO_PROVIDER_UNAVAILABLE: 'The provider cannot be reached right now. Try again in a moment.',
  SSO_IDENTITY_TAKEN: 'That account at the provider is already connected to another account here.',
  SSO_TICKET_INVALID: 'This sign-in link has expired, was used already or was opened in another browser. Start again.',
  SSO_SIGN_IN_FIRST: 'This account has two-step sign-in: sign in, then connect the provider in Settings.',
};

/** The providers one can sign in with: [{id, name}]. */
export async function providers() {
  const {items} = await get('/api/v1/auth/sso/providers', {anonymous: true});
  return items;
}

/** Where "Sign in with <provider>" leads: a full-page navigation (the provider's pages are its own). */
export function startUrl(id) {
  return `/api/v1/auth/sso/${encodeURIComponent(id)}/start`;
}

/** A one-time address that signs in at the provider and connects it to the signed-in account. */
export async function linkUrl(id) {
  const {url} = await post(`/api/v1/users/me/sso/${encodeURIComponent(id)}/link`);
  return url;
}

/** The connected providers of the signed-in account: [{provider, name, email, linkedAt}]. */
export async function connected() {
  const {items} = await get('/api/v1/users/me/sso');
  return items;
}

export function disconnect(id) {
  return del(`/api/v1/users/me/sso/${encodeURIComponent(id)}`);
}

/** True for the addresses this module shows. */
export function isSsoPage(pathname) {
  return pathname === '/sso/complete' || pathname === '/sso/link' || pathname === '/sso/error';
}

/** Shows the page of the address; `done` leaves it (without the ticket in the address bar or history). */
export function showSsoPage(main, done) {
  const params = new URLSearchParams(location.search);
  if (location.pathname === '/sso/complete' && params.get('linked')) return showLinked(main, params.get('linked'), done);
  if (location.pathname === '/sso/complete' && params.get('ticket')) return showComplete(main, params.get('ticket'), done);
  if (location.pathname === '/sso/link' && params.get('ticket')) return showLink(main, params.get('ticket'), done);
  return showError(main, params.get('code') ?? 'SSO_TICKET_INVALID', done);
}

function card(...children) {
  return h('section', {class: 'auth card', 'aria-labelledby': 'sso-title'}, ...children);
}

async function showComplete(main, ticket, done) {
  history.replaceState(null, '', '/sso/complete'); // the ticket leaves the address bar at once
  replace(main, card(h('h1', {id: 'sso-title'}, 'Signing you in…')));
  try {
    signedIn(main, await post('/api/v1/auth/sso/complete', {ticket, deviceName: DEVICE_NAME}, {anonymous: true}), done);
  } catch (e) {
    showError(main, e instanceof ApiError ? e.code : 'SSO_PROVIDER_UNAVAILABLE', done);
  }
}

function showLink(main, ticket, done) {
  const provider = new URLSearchParams(location.search).get('provider') ?? 'your provider';
  history.replaceState(null, '', '/sso/link');
  const error = h('p', {class: 'error', role: 'alert'});
  const password = field('Password of your account here', {type: 'password', name: 'password', required: true,
    autocomplete: 'current-password'});
  const form = h('form', {class: 'auth-form', novalidate: true},
    password, error, h('button', {type: 'submit', class: 'primary'}, 'Connect and sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    error.textContent = '';
    try {
      signedIn(main, await post('/api/v1/auth/sso/link',
        {ticket, password: form.password.value, deviceName: DEVICE_NAME}, {anonymous: true}), done);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'SSO_TICKET_INVALID' || e.code === 'SSO_SIGN_IN_FIRST')) {
        return showError(main, e.code, done);
      }
      error.textContent = e instanceof ApiError && e.code === 'AUTH_INVALID_CREDENTIALS'
        ? 'That is not the password of this account.' : auth.describeError(e);
      button.disabled = false;
      form.password.focus();
    }
  });
  replace(main, card(h('h1', {id: 'sso-title'}, 'Connect your account'),
    h('p', {}, `An account here already uses the email address ${provider} gave. Type its password once to connect `
      + `${provider} to it; from then on ${provider} signs you in.`), form));
  form.password.focus();
}

function showLinked(main, provider, done) {
  history.replaceState(null, '', '/sso/complete');
  replace(main, card(h('h1', {id: 'sso-title'}, 'Provider connected'),
    h('p', {}, `You can now sign in with ${provider}.`),
    h('button', {type: 'button', class: 'primary', onclick: done}, 'Back to SecureConnect')));
}

function showError(main, code, done) {
  history.replaceState(null, '', `/sso/error?code=${encodeURIComponent(code)}`);
  replace(main, card(h('h1', {id: 'sso-title'}, 'Single sign-on did not work'),
    h('p', {role: 'alert', 'data-code': code}, ERRORS[code] ?? 'Signing in with your provider did not work. Start again.'),
    h('button', {type: 'button', class: 'primary', onclick: done}, 'Back to sign-in')));
}

/** A session from the answer, or the second step when the account has a second factor. */
function signedIn(main, answer, done) {
  if (answer.mfaRequired) {
    history.replaceState(null, '', '/');
    if (typeof auth.showSecondStep === 'function') return auth.showSecondStep(main, answer, done);
    return auth.showAuth(main, done, 'login', 'This account also asks for a second factor: sign in with its password.');
  }
  session.start(answer);
  done();
}
