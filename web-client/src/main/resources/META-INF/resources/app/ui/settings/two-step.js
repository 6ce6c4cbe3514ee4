// Two-step sign-in: an authenticator app (TOTP, RFC 6238) set up from a QR code drawn here, from the otpauth URI
// auth-service hands out (the secret never goes to a third-party QR service), recovery codes shown once, and the
// passkeys section (passkeys.js). docs/identity.md holds the endpoints.
import encodeQR from 'qr';
import {h, field, replace} from '../../dom.js';
import {api, get, post} from '../../api.js';
import {section, outcome, form, run} from './parts.js';
import {passkeysSection} from './passkeys.js';

/** The code field: 6 digits from the app, or (where allowed) a recovery code. */
const codeField = (label, recoveryToo) => field(label, {name: 'code', required: true, autocomplete: 'one-time-code',
  inputmode: recoveryToo ? 'text' : 'numeric', maxlength: recoveryToo ? 11 : 6, spellcheck: 'false'});
const passwordField = () => field('Password', {name: 'password', type: 'password', required: true, autocomplete: 'current-password'});

export function twoStepSection(ctx) {
  const line = outcome();
  const body = h('div', {class: 'two-step'});
  const banner = ctx.enrolmentRequired
    ? h('div', {class: 'banner', role: 'alert', 'data-testid': 'mfa-required'},
      h('p', {}, 'Your organisation requires two-step sign-in. Set up an authenticator app or a passkey to continue.'),
      h('button', {type: 'button', class: 'primary', onclick: event => run(event.currentTarget, line, () => ctx.onEnrolled())},
        'I have set it up: continue'))
    : null;

  async function load() {
    const status = await get('/api/v1/users/me/mfa');
    replace(body, status.totp ? enabled(status) : disabled(status));
  }

  function disabled(status) {
    // with a passkey in place, another factor is added only with the password (a stolen token adds none)
    const needsPassword = status.passkeys > 0;
    const start = needsPassword
      ? form({class: 'settings-form', 'aria-label': 'Set up an authenticator app'}, [
        passwordField(),
        h('button', {type: 'submit', class: 'primary'}, 'Set up an authenticator app'),
      ], async f => replace(body, enrolment(await post('/api/v1/users/me/mfa/totp', {password: f.password.value}))), line)
      : h('button', {type: 'button', class: 'primary'}, 'Set up an authenticator app');
    if (!needsPassword) {
      start.addEventListener('click', () => run(start, line, async () => replace(body, enrolment(await post('/api/v1/users/me/mfa/totp')))));
    }
    return h('div', {},
      h('p', {'data-testid': 'mfa-status'}, status.passkeys > 0
        ? `Two-step sign-in is on: after your password, one of your passkeys (${status.passkeys}). `
          + 'An authenticator app can be a second way in.'
        : status.required
          ? 'Two-step sign-in is off, and your organisation requires it.'
          : 'Two-step sign-in is off: your password alone signs you in.'),
      h('p', {class: 'hint'}, 'With it on, signing in also needs a code from an app on your phone '
        + '(such as Aegis, Google Authenticator or 1Password) or a passkey.'),
      start);
  }

  function enrolment({secret, otpauthUri}) {
    const confirmLine = outcome();
    const confirm = form({class: 'settings-form', 'aria-label': 'Confirm the authenticator app'}, [
      codeField('Code from the app', false),
      h('button', {type: 'submit', class: 'primary'}, 'Turn on'),
      confirmLine,
    ], async f => {
      const code = f.code.value.trim();
      if (!/^[0-9]{6}$/.test(code)) throw new Error('Enter the 6 digits the app shows.');
      const {recoveryCodes} = await post('/api/v1/users/me/mfa/totp/confirm', {code});
      replace(body, recoveryCodesView(recoveryCodes, 'Two-step sign-in is on.'));
    }, confirmLine);
    const view = h('div', {class: 'enrolment'},
      h('ol', {class: 'steps'},
        h('li', {}, 'Scan this QR code with your authenticator app:',
          qrCanvas(otpauthUri)),
        h('li', {}, 'Or type this key into the app: ', h('code', {class: 'secret', 'data-testid': 'totp-secret'}, group(secret))),
        h('li', {}, 'Enter the 6-digit code it shows, to prove it works:', confirm)),
      h('button', {type: 'button', class: 'link', onclick: () => load().catch(e => line.fail(e))}, 'Cancel'));
    queueMicrotask(() => confirm.code.focus());
    return view;
  }

  function enabled(status) {
    const codesLine = outcome();
    const regenerate = form({class: 'settings-form', 'aria-label': 'New recovery codes'}, [
      passwordField(), codeField('Code from the app', false),
      h('button', {type: 'submit'}, 'Make new recovery codes'), codesLine,
    ], async f => {
      const {recoveryCodes} = await post('/api/v1/users/me/mfa/recovery-codes',
        {password: f.password.value, code: f.code.value.trim()});
      replace(body, recoveryCodesView(recoveryCodes, 'New recovery codes: the old ones no longer work.'));
    }, codesLine);
    const offLine = outcome();
    const off = form({class: 'settings-form', 'aria-label': 'Turn off two-step sign-in'}, [
      passwordField(), codeField('Code from the app or a recovery code', true),
      h('button', {type: 'submit', class: 'danger'}, 'Turn off'), offLine,
    ], async f => {
      await api('DELETE', '/api/v1/users/me/mfa/totp', {password: f.password.value, code: f.code.value.trim()});
      line.ok('Two-step sign-in with an authenticator app is off.');
      await load();
    }, offLine);
    return h('div', {},
      h('p', {'data-testid': 'mfa-status'}, `Two-step sign-in is on: an authenticator app, and ${status.recoveryCodesLeft} `
        + `recovery code${status.recoveryCodesLeft === 1 ? '' : 's'} left.`),
      h('details', {}, h('summary', {}, 'New recovery codes'), regenerate),
      h('details', {}, h('summary', {}, 'Turn off the authenticator app'), off));
  }

  /** The codes, once: to copy or download now, since auth-service keeps only their hashes. */
  function recoveryCodesView(codes, heading) {
    const text = `SecureConnect recovery codes (each works once)\n\n${codes.join('\n')}\n`;
    const copied = outcome();
    const done = h('button', {type: 'button', class: 'primary', onclick: async () => {
      await load().catch(e => line.fail(e));
      if (ctx.enrolmentRequired) run(null, line, () => ctx.onEnrolled());
    }}, 'I have saved them');
    const view = h('div', {class: 'recovery-codes'},
      h('p', {role: 'status'}, heading),
      h('p', {}, 'Save these recovery codes somewhere safe. Each signs you in once if you lose your phone. '
        + 'They are shown only now.'),
      h('ol', {class: 'codes', 'data-testid': 'recovery-codes'}, codes.map(c => h('li', {}, h('code', {}, c)))),
      h('p', {class: 'row'},
        h('button', {type: 'button', onclick: () => navigator.clipboard.writeText(text)
          .then(() => copied.ok('Copied.'), () => copied.fail('Copying is not allowed here: download them instead.'))}, 'Copy'),
        h('a', {class: 'button', download: 'secureconnect-recovery-codes.txt',
          href: URL.createObjectURL(new Blob([text], {type: 'text/plain'}))}, 'Download'),
        done),
      copied);
    queueMicrotask(() => done.focus());
    return view;
  }

  load().catch(e => line.fail(e));
  // a passkey is a second factor too: the status above follows the passkeys added or deleted below
  const passkeys = h('div', {class: 'passkeys-host'}, passkeysSection());
  passkeys.addEventListener('passkeys-changed', () => load().catch(e => line.fail(e)));
  return section('two-step', 'Two-step sign-in', banner, body, line, passkeys);
}

/** The otpauth URI as a QR code on a canvas (qr gives the modules; 4 modules of quiet zone around them). */
function qrCanvas(text) {
  const modules = encodeQR(text, 'raw', {ecc: 'medium', border: 4});
  const scale = 5;
  const canvas = h('canvas', {width: modules.length * scale, height: modules.length * scale, role: 'img',
    'aria-label': 'QR code for your authenticator app', 'data-testid': 'totp-qr'});
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  modules.forEach((row, y) => row.forEach((dark, x) => { if (dark) g.fillRect(x * scale, y * scale, scale, scale); }));
  return h('div', {class: 'qr'}, canvas);
}

/** The base32 key in groups of four, as authenticator apps show it; apps ignore the spaces. */
function group(secret) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
