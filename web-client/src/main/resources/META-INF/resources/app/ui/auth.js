// Sign in, create an account, and the pages behind the mailed links (verify email, reset password).
import {h, replace, field} from '../dom.js';
import {post, ApiError} from '../api.js';
import * as session from '../session.js';

/** Set after registering, so the app can show where the verification mail went. */
export let justRegistered = null;

export function showAuth(main, onSignedIn, mode = 'login') {
  const error = h('p', {class: 'error', role: 'alert'});
  const register = mode === 'register';
  const form = h('form', {class: 'card auth', 'aria-labelledby': 'auth-title', novalidate: true},
    h('h1', {id: 'auth-title'}, register ? 'Create your account' : 'Sign in to SecureConnect'),
    register ? field('Display name', {name: 'displayName', required: true, maxlength: 64, autocomplete: 'nickname'}) : null,
    field('Email', {name: 'email', type: 'email', required: true, autocomplete: 'email'}),
    field('Password', {name: 'password', type: 'password', required: true, minlength: register ? 12 : undefined,
      autocomplete: register ? 'new-password' : 'current-password'}),
    register ? h('p', {class: 'hint'}, 'At least 12 characters; a phrase of several words works well.') : null,
    error,
    h('button', {type: 'submit', class: 'primary'}, register ? 'Create account' : 'Sign in'),
    h('p', {}, register ? 'Already have an account? ' : 'New here? ',
      h('button', {type: 'button', class: 'link',
        onclick: () => showAuth(main, onSignedIn, register ? 'login' : 'register')},
      register ? 'Sign in' : 'Create an account')));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    error.textContent = '';
    try {
      // a retry after a refused sign-in (rate limit) must not register the same address twice
      if (register && justRegistered?.email !== data.email.trim().toLowerCase()) {
        const user = await post('/api/v1/auth/register',
          {email: data.email, password: data.password, displayName: data.displayName}, {anonymous: true});
        justRegistered = user;
      }
      session.start(await post('/api/v1/auth/login',
        {email: data.email, password: data.password, deviceName: 'Web browser'}, {anonymous: true}));
      onSignedIn();
    } catch (e) {
      error.textContent = describe(e);
      if (e instanceof ApiError && e.retryAfter) error.dataset.retryAfter = String(e.retryAfter);
      button.disabled = false;
    }
  });
  replace(main, form);
  form.querySelector('input').focus();
}

function describe(e) {
  if (!(e instanceof ApiError)) return 'The server cannot be reached. Check your connection and try again.';
  const fields = e.problem?.errors ?? e.problem?.fieldErrors;
  if (Array.isArray(fields) && fields.length) {
    return fields.map(f => `${f.field ?? f.name}: ${f.message ?? f.detail}`).join('; ');
  }
  if (e.status === 429) return `Too many attempts. Try again in ${e.retryAfter ?? 'a few'} seconds.`;
  return e.message;
}

export async function showVerifyEmail(main, token, done) {
  const message = h('p', {role: 'status'}, 'Confirming your email address…');
  replace(main, h('div', {class: 'card auth'}, h('h1', {}, 'Email confirmation'), message,
    h('button', {type: 'button', class: 'primary', onclick: done}, 'Continue')));
  try {
    await post('/api/v1/auth/verify-email', {token}, {anonymous: true});
    message.textContent = 'Your email address is confirmed. Thank you!';
  } catch (e) {
    message.textContent = describe(e);
  }
}

export function showResetPassword(main, token, done) {
  const error = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'card auth'},
    h('h1', {}, 'Choose a new password'),
    field('New password', {name: 'newPassword', type: 'password', required: true, minlength: 12,
      autocomplete: 'new-password'}),
    error,
    h('button', {type: 'submit', class: 'primary'}, 'Set password'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await post('/api/v1/auth/password-reset/confirm', {token, newPassword: form.newPassword.value}, {anonymous: true});
      replace(main, h('div', {class: 'card auth'}, h('p', {role: 'status'}, 'Your password is changed. Sign in with it.'),
        h('button', {type: 'button', class: 'primary', onclick: done}, 'Sign in')));
    } catch (e) {
      error.textContent = describe(e);
    }
  });
  replace(main, form);
}
