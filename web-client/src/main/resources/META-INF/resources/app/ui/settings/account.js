// Email address, password and deleting the account: each confirmed with the current password. A new password and a
// deleted account end every session (auth-service), this one too, so the page goes back to sign-in and says why.
import {h, field} from '../../dom.js';
import {api, post} from '../../api.js';
import * as session from '../../session.js';
import {localMailHint, setSignInNotice} from '../auth.js';
import {section, outcome, form} from './parts.js';

const passwordField = (label, name, autocomplete = 'current-password') =>
  field(label, {name, type: 'password', required: true, autocomplete});

export function emailSection(ctx) {
  const line = outcome();
  return section('email', 'Email address',
    h('p', {}, 'Your address now: ', h('strong', {'data-testid': 'current-email'}, ctx.me.email)),
    form({class: 'settings-form', 'aria-label': 'Change email address'}, [
      field('New email address', {name: 'newEmail', type: 'email', required: true, autocomplete: 'email'}),
      passwordField('Password', 'password'),
      h('button', {type: 'submit'}, 'Change email address'),
      line,
      localMailHint(),
    ], async f => {
      const newEmail = f.newEmail.value.trim();
      if (!newEmail.includes('@')) throw new Error('Enter the new email address.');
      await post('/api/v1/users/me/email', {newEmail, password: f.password.value});
      f.reset();
      line.ok(`We sent a link to ${newEmail}. Your address changes when you open it; until then it stays ${ctx.me.email}.`);
    }, line));
}

export function passwordSection() {
  const line = outcome();
  return section('password', 'Password',
    form({class: 'settings-form', 'aria-label': 'Change password'}, [
      passwordField('Current password', 'currentPassword'),
      passwordField('New password', 'newPassword', 'new-password'),
      h('p', {class: 'hint'}, 'At least 12 characters. Changing it signs you out everywhere, here too.'),
      h('button', {type: 'submit'}, 'Change password'),
      line,
    ], async f => {
      if (f.newPassword.value.length < 12) throw new Error('The new password needs at least 12 characters.');
      await post('/api/v1/users/me/password', {currentPassword: f.currentPassword.value, newPassword: f.newPassword.value});
      setSignInNotice('Your password is changed and every session ended. Sign in with the new password.');
      session.end();
    }, line));
}

export function deleteSection() {
  const line = outcome();
  return section('delete', 'Delete account',
    h('p', {}, 'Deleting your account signs you out everywhere and removes your name and email address. '
      + 'It cannot be undone.'),
    form({class: 'settings-form', 'aria-label': 'Delete account'}, [
      passwordField('Password', 'password'),
      h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'sure', required: true}),
        ' I understand that this cannot be undone'),
      h('button', {type: 'submit', class: 'danger'}, 'Delete my account'),
      line,
    ], async f => {
      if (!f.sure.checked) throw new Error('Tick the box to confirm.');
      await api('DELETE', '/api/v1/users/me', {password: f.password.value});
      setSignInNotice('Your account is deleted.');
      session.end();
    }, line));
}
