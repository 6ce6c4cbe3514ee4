// The "Passkeys" part of two-step sign-in: the account's passkeys (name, when added, when last used), adding one
// made by this device (it asks for a name and the account's password first; an account without a password, made
// by single sign-on, leaves that empty and must have signed in within minutes), renaming and deleting, each in place and by keyboard. After an
// addition or a deletion the element raises a bubbling "passkeys-changed" event.
import {h, replace} from '../../dom.js';
import {registerPasskey, listPasskeys, renamePasskey, deletePasskey, passkeysSupported} from '../../passkeys.js';
import {outcome, run, form, formatDate} from './parts.js';

const NAME_LIMIT = 64;

export function passkeysSection() {
  const line = outcome();
  const list = h('ul', {class: 'settings-list', 'aria-label': 'Passkeys', 'data-testid': 'passkeys'});

  async function load() {
    const items = await listPasskeys();
    replace(list, items.length ? items.map(item) : h('li', {class: 'empty'}, 'No passkeys yet.'));
  }

  function item(passkey) {
    const row = h('li', {dataset: {id: passkey.id}});
    const show = () => replace(row,
      h('div', {class: 'what'},
        h('strong', {}, passkey.name),
        h('span', {class: 'detail'}, `Added ${formatDate(passkey.createdAt)} · `
          + (passkey.lastUsedAt ? `last used ${formatDate(passkey.lastUsedAt)}` : 'not used yet'))),
      h('button', {type: 'button', 'aria-label': `Rename passkey ${passkey.name}`, onclick: rename}, 'Rename'),
      h('button', {type: 'button', class: 'danger', 'aria-label': `Delete passkey ${passkey.name}`, onclick: confirmDelete},
        'Delete'));

    function rename() {
      const input = nameInput(`passkey-name-${passkey.id}`, passkey.name);
      replace(row, form({class: 'row', 'aria-label': `Rename passkey ${passkey.name}`}, [
        h('label', {for: input.id}, 'New name'), input,
        h('button', {type: 'submit', class: 'primary'}, 'Save'),
        h('button', {type: 'button', onclick: () => { show(); row.querySelector('button')?.focus(); }}, 'Cancel'),
      ], async () => {
        const name = checkedName(input);
        await renamePasskey(passkey.id, name);
        line.ok(`The passkey is now called ${name}.`);
        await load();
      }, line));
      input.select();
    }

    function confirmDelete() {
      const keep = h('button', {type: 'button', onclick: () => { show(); row.querySelector('button')?.focus(); }}, 'Keep it');
      replace(row,
        h('p', {class: 'what', role: 'alert'}, `Delete the passkey ${passkey.name}? It will no longer sign you in.`),
        h('button', {type: 'button', class: 'danger', onclick: event => run(event.currentTarget, line, async () => {
          await deletePasskey(passkey.id);
          line.ok(`The passkey ${passkey.name} is deleted.`);
          await load();
          changed();
        })}, 'Delete passkey'),
        keep);
      keep.focus();
    }

    show();
    return row;
  }

  const newName = nameInput('passkey-new-name', defaultName());
  // not required: an account made by single sign-on has no password (the server then asks for a recent sign-in)
  const password = h('input', {id: 'passkey-password', name: 'password', type: 'password',
    autocomplete: 'current-password', 'aria-describedby': 'passkey-password-hint'});
  const add = form({class: 'row', 'aria-label': 'Add a passkey'}, [
    h('label', {for: newName.id}, 'Passkey name'), newName,
    h('label', {for: password.id}, 'Your password'), password,
    h('span', {id: 'passkey-password-hint', class: 'hint'}, 'Leave it empty if you sign in only through your organisation.'),
    h('button', {type: 'submit', class: 'primary'}, 'Add a passkey'),
  ], async () => {
    const name = checkedName(newName);
    line.ok('Follow your browser or device to create the passkey…');
    const typed = password.value;
    password.value = ''; // asked again for the next one; never kept
    const added = await registerPasskey(name, typed).catch(e => {
      if (e?.name === 'InvalidStateError') throw new Error('This device already holds a passkey for your account.');
      throw e;
    });
    line.ok(`The passkey ${added.name} is added: you can sign in with it.`);
    newName.value = defaultName();
    await load();
    changed();
  }, line);

  load().catch(e => replace(list, h('li', {class: 'empty'}, `Not available right now (${e.message}).`)));

  const view = h('div', {class: 'passkeys', 'aria-labelledby': 'passkeys-title'},
    h('h3', {id: 'passkeys-title'}, 'Passkeys'),
    h('p', {class: 'hint'}, 'A passkey signs you in with this device\'s fingerprint, face or screen lock instead of '
      + 'your password, and also counts as your second step after a password.'),
    list,
    passkeysSupported() ? add : h('p', {class: 'hint'}, 'This browser cannot make passkeys.'),
    line);
  // a passkey is a second factor too: the two-step status around this section may want to say so
  const changed = () => view.dispatchEvent(new CustomEvent('passkeys-changed', {bubbles: true}));
  return view;
}

function nameInput(id, value) {
  return h('input', {id, name: 'name', value, required: true, maxlength: NAME_LIMIT, autocomplete: 'off'});
}

/** The trimmed name, or a refusal the outcome line shows (the server checks the same: 1 to 64 characters). */
function checkedName(input) {
  const name = input.value.trim();
  if (!name || name.length > NAME_LIMIT) {
    input.focus();
    throw new Error(`Give the passkey a name of 1 to ${NAME_LIMIT} characters.`);
  }
  return name;
}

/** A starting name that says which device made it, e.g. "Chrome on Linux". */
function defaultName() {
  const brand = navigator.userAgentData?.brands?.find(b => !/not.a.brand|chromium/i.test(b.brand))?.brand
    ?? (/Firefox\//.test(navigator.userAgent) ? 'Firefox' : /Edg\//.test(navigator.userAgent) ? 'Edge'
      : /Chrome\//.test(navigator.userAgent) ? 'Chrome' : /Safari\//.test(navigator.userAgent) ? 'Safari' : 'Browser');
  const platform = navigator.userAgentData?.platform || (/Android/.test(navigator.userAgent) ? 'Android'
    : /iPhone|iPad/.test(navigator.userAgent) ? 'iOS' : /Mac OS X/.test(navigator.userAgent) ? 'macOS'
      : /Windows/.test(navigator.userAgent) ? 'Windows' : /Linux/.test(navigator.userAgent) ? 'Linux' : '');
  return (platform ? `${brand} on ${platform}` : brand).slice(0, NAME_LIMIT);
}
