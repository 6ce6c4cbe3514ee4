// Sign in (a password, then a second factor when the account has one; a passkey; single sign-on), create an
// account, ask for a password reset, and the pages behind the mailed links (verify email, reset password).
import {h, replace, field} from '../dom.js';
import {post, ApiError} from '../api.js';
import * as session from '../session.js';
import {signInWithPasskey, passkeySecondFactor} from '../passkeys.js';
import {providers, startUrl} from '../sso.js';

const DEVICE_NAME = 'Web browser';

/** Set after registering, so the app can show where the verification mail went. */
export let justRegistered = null;

/** Said once on the next sign-in screen: why the session ended (a new password, a deleted account). */
let signInNotice = '';

export function setSignInNotice(text) {
  signInNotice = text;
}

export function showAuth(main, onSignedIn, mode = 'login', notice = '') {
  const error = h('p', {class: 'error', role: 'alert'});
  const said = h('p', {class: 'notice-line', role: 'status'}, notice || signInNotice);
  signInNotice = '';
  const register = mode === 'register';
  const form = h('form', {class: 'auth-form', 'aria-labelledby': 'auth-title', novalidate: true},
    register ? field('Display name', {name: 'displayName', required: true, maxlength: 64, autocomplete: 'nickname'}) : null,
    field('Email', {name: 'email', type: 'email', required: true, autocomplete: 'email'}),
    field('Password', {name: 'password', type: 'password', required: true, minlength: register ? 12 : undefined,
      autocomplete: register ? 'new-password' : 'current-password'}),
    register ? h('p', {class: 'hint'}, 'At least 12 characters; a phrase of several words works well.') : null,
    error,
    h('button', {type: 'submit', class: 'primary'}, register ? 'Create account' : 'Sign in'));
  const card = h('div', {class: 'card auth'},
    h('h1', {id: 'auth-title'}, register ? 'Create your account' : 'Sign in to SecureConnect'),
    said,
    form,
    register ? null : h('p', {class: 'forgot'}, h('button', {type: 'button', class: 'link',
      onclick: () => showForgotPassword(main, onSignedIn, form.email.value)}, 'Forgot password?')),
    register ? null : otherWays(error, onSignedIn),
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
      const answer = await post('/api/v1/auth/login',
        {email: data.email, password: data.password, deviceName: DEVICE_NAME}, {anonymous: true});
      if (answer.mfaRequired) return showSecondStep(main, answer, onSignedIn);
      session.start(answer);
      onSignedIn();
    } catch (e) {
      error.textContent = describe(e);
      if (e instanceof ApiError && e.retryAfter) error.dataset.retryAfter = String(e.retryAfter);
      button.disabled = false;
    }
  });
  replace(main, card);
  form.querySelector('input').focus();
}

/** "Sign in with a passkey" and one "Sign in with <provider>" link per configured single sign-on provider. */
function otherWays(error, onSignedIn) {
  const passkey = h('button', {type: 'button', class: 'passkey'}, 'Sign in with a passkey');
  passkey.addEventListener('click', async () => {
    error.textContent = '';
    passkey.disabled = true;
    try {
      signedInWith(await signInWithPasskey(DEVICE_NAME));
      onSignedIn();
    } catch (e) {
      error.textContent = describe(e);
    } finally {
      passkey.disabled = false;
    }
  });
  const list = h('ul', {class: 'sso', 'aria-label': 'Single sign-on'});
  providers().then(items => replace(list, items.map(p =>
    h('li', {}, h('a', {class: 'button', href: startUrl(p.id)}, `Sign in with ${p.name}`)))))
    .catch(() => {}); // no providers answered: only the other ways show
  return h('div', {class: 'other-ways'}, h('p', {class: 'or'}, 'or'), passkey, list);
}

/** A passkey sign-in answers the token shape; passkeys.js may already have started the session with it. */
function signedInWith(answer) {
  if (answer?.accessToken && answer.accessToken !== session.token()) session.start(answer);
}

/** The second step of a password sign-in: a code from the authenticator app, a recovery code, or a passkey. */
function showSecondStep(main, challenge, onSignedIn) {
  const methods = challenge.methods ?? [];
  const error = h('p', {class: 'error', role: 'alert'});
  const backToPassword = message => showAuth(main, onSignedIn, 'login', message);
  let recovery = !methods.includes('totp') && methods.includes('recovery');
  const label = h('label', {for: 'mfa-code'});
  const input = h('input', {id: 'mfa-code', name: 'code', required: true, autocomplete: 'one-time-code'});
  const hint = h('p', {class: 'hint', id: 'mfa-hint'});
  const toggle = methods.includes('recovery') && methods.includes('totp')
    ? h('button', {type: 'button', class: 'link', 'aria-pressed': 'false', onclick: () => { recovery = !recovery; show(); }},
      'Use a recovery code')
    : null;
  const codes = methods.includes('totp') || methods.includes('recovery');
  const form = h('form', {class: 'auth-form', novalidate: true, hidden: !codes},
    h('div', {class: 'field'}, label, input), hint, toggle ? h('p', {}, toggle) : null,
    h('button', {type: 'submit', class: 'primary'}, 'Verify'));
  const passkey = methods.includes('passkey')
    ? h('button', {type: 'button', class: codes ? '' : 'primary'}, 'Use a passkey') : null;

  function show() {
    label.textContent = recovery ? 'Recovery code' : 'Code from your authenticator app';
    Object.assign(input, {value: ''});
    input.setAttribute('inputmode', recovery ? 'text' : 'numeric');
    input.setAttribute('autocomplete', recovery ? 'off' : 'one-time-code');
    input.setAttribute('maxlength', recovery ? '11' : '6');
    input.setAttribute('aria-describedby', 'mfa-hint');
    if (recovery) input.removeAttribute('pattern'); else input.setAttribute('pattern', '[0-9]{6}');
    hint.textContent = recovery
      ? 'One of the recovery codes you saved, like abcde-fghij. Each works once.'
      : 'The 6-digit code your authenticator app shows now.';
    if (toggle) {
      toggle.textContent = recovery ? 'Use a code from the app' : 'Use a recovery code';
      toggle.setAttribute('aria-pressed', String(recovery));
    }
    error.textContent = '';
    input.focus();
  }

  async function answer(request) {
    error.textContent = '';
    try {
      signedInWith(await request());
      onSignedIn();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'MFA_TOKEN_INVALID') {
        return backToPassword('This sign-in expired or was already used. Enter your password again.');
      }
      error.textContent = describeSecondFactor(e);
      if (e instanceof ApiError && e.retryAfter) error.dataset.retryAfter = String(e.retryAfter);
      input.select();
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    const code = input.value.trim();
    if (!recovery && !/^[0-9]{6}$/.test(code)) {
      error.textContent = 'Enter the 6 digits your authenticator app shows.';
      return input.focus();
    }
    if (!code) return input.focus();
    answer(() => post('/api/v1/auth/mfa/verify', {mfaToken: challenge.mfaToken, code}, {anonymous: true}));
  });
  passkey?.addEventListener('click', () => answer(() => passkeySecondFactor(challenge.mfaToken)));

  replace(main, h('div', {class: 'card auth', 'aria-labelledby': 'mfa-title'},
    h('h1', {id: 'mfa-title'}, 'Two-step sign-in'),
    h('p', {}, 'Your password is right. Now prove it is you with your second factor.'),
    form, passkey, error,
    h('p', {}, h('button', {type: 'button', class: 'link', onclick: () => backToPassword('')}, 'Back to sign in'))));
  if (codes) show(); else passkey?.focus();
}

function describeSecondFactor(e) {
  if (!(e instanceof ApiError)) return describe(e);
  switch (e.code) {
    case 'MFA_CODE_INVALID': return 'That code is not right. Enter the newest code (check the clock on your phone), or a recovery code.';
    case 'MFA_CODE_REPLAYED': return 'That code was already used. Wait for the next one (a new code comes every 30 seconds).';
    case 'MFA_LOCKED': return `Too many wrong codes. Two-step sign-in is locked for this account; try again in ${waitText(e.retryAfter)}.`;
    default: return describe(e);
  }
}

function waitText(seconds) {
  if (!seconds) return 'a few minutes';
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
function showForgotPassword(main, onSignedIn, email = '') {
  const error = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'card auth', 'aria-labelledby': 'forgot-title', novalidate: true},
    h('h1', {id: 'forgot-title'}, 'Reset your password'),
    h('p', {class: 'hint'}, 'We will mail you a link to choose a new password.'),
    field('Email', {name: 'email', type: 'email', required: true, autocomplete: 'email', value: email}),
    error,
    h('button', {type: 'submit', class: 'primary'}, 'Send reset link'),
    h('p', {}, h('button', {type: 'button', class: 'link', onclick: () => showAuth(main, onSignedIn)}, 'Back to sign in')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    if (!form.email.value.includes('@')) {
      error.textContent = 'Enter the email address of your account.';
      return form.email.focus();
    }
    try {
      await post('/api/v1/auth/password-reset/request', {email: form.email.value.trim()}, {anonymous: true});
      const back = h('button', {type: 'button', class: 'primary', onclick: () => showAuth(main, onSignedIn)}, 'Back to sign in');
      replace(main, h('div', {class: 'card auth'}, h('h1', {}, 'Check your mail'),
        h('p', {role: 'status'}, `If ${form.email.value.trim()} belongs to an account, a link to reset its password is on its way. `
          + 'It works once and expires soon.'),
        localMailHint(), back));
      back.focus();
    } catch (e) {
      error.textContent = describe(e);
    }
  });
  replace(main, form);
  form.email.focus();
}

/** Where the mail is when the system runs locally without an SMTP server. */
export function localMailHint() {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
  return local ? h('p', {class: 'hint'}, 'Running locally, the mail is an .eml file in .secureconnect/mail/.') : null;
}

function describe(e) {
  if (!(e instanceof ApiError)) {
    if (e?.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
    return e?.message && !(e instanceof TypeError) ? e.message
      : 'The server cannot be reached. Check your connection and try again.';
  }
  const fields = e.problem?.errors ?? e.problem?.fieldErrors;
  if (Array.isArray(fields) && fields.length) {
    return fields.map(f => `${f.field ?? f.name}: ${f.message ?? f.detail}`).join('; ');
  }
  if (e.status === 429) return `Too many attempts. Try again in ${e.retryAfter ?? 'a few'} seconds.`;
  return e.message;
}

export {describe as describeError};

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
