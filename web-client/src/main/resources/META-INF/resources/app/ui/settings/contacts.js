// Contacts (auth-service): requests to you and from you, with accept, decline and cancel; asking someone by their
// email address; the contacts you have; and the people you blocked, with unblock and blocking someone new.
import {h, field, replace} from '../../dom.js';
import {get, post, put, del} from '../../api.js';
import {findUser} from '../../people.js';
import {section, outcome, form, run, formatDate} from './parts.js';

export function contactsSection() {
  const line = outcome();
  const incoming = h('ul', {class: 'settings-list', 'aria-label': 'Requests to you', 'data-testid': 'requests-in'});
  const outgoing = h('ul', {class: 'settings-list', 'aria-label': 'Your requests', 'data-testid': 'requests-out'});
  const contacts = h('ul', {class: 'settings-list', 'aria-label': 'Your contacts', 'data-testid': 'contacts'});

  const button = (label, name, action) => h('button', {type: 'button', 'aria-label': `${label} ${name}`,
    onclick: event => run(event.currentTarget, line, async () => { await action(); await load(); })}, label);

  async function load() {
    const [inbox, sent, mine] = await Promise.all([
      get('/api/v1/users/me/contacts/requests?direction=incoming'),
      get('/api/v1/users/me/contacts/requests?direction=outgoing'),
      get('/api/v1/users/me/contacts'),
    ]);
    replace(incoming, inbox.items.length ? inbox.items.map(r => h('li', {},
      h('div', {class: 'what'}, h('strong', {}, r.displayName), h('span', {class: 'detail'}, `asked ${formatDate(r.createdAt)}`)),
      h('span', {class: 'row'},
        button('Accept', r.displayName, async () => {
          await post(`/api/v1/users/me/contacts/requests/${r.id}/accept`);
          line.ok(`${r.displayName} is now a contact.`);
        }),
        button('Decline', r.displayName, async () => {
          await post(`/api/v1/users/me/contacts/requests/${r.id}/decline`);
          line.ok(`Declined ${r.displayName}'s request.`);
        })))) : h('li', {class: 'empty'}, 'No requests to you.'));
    replace(outgoing, sent.items.length ? sent.items.map(r => h('li', {},
      h('div', {class: 'what'}, h('strong', {}, r.displayName), h('span', {class: 'detail'}, `asked ${formatDate(r.createdAt)}`)),
      button('Cancel', r.displayName, async () => {
        await del(`/api/v1/users/me/contacts/requests/${r.id}`);
        line.ok(`Your request to ${r.displayName} is withdrawn.`);
      }))) : h('li', {class: 'empty'}, 'No requests waiting for an answer.'));
    replace(contacts, mine.items.length ? mine.items.map(c => h('li', {},
      h('div', {class: 'what'}, h('strong', {}, c.displayName), h('span', {class: 'detail'}, `since ${formatDate(c.since)}`)),
      button('Remove', c.displayName, async () => {
        await del(`/api/v1/users/me/contacts/${c.userId}`);
        line.ok(`${c.displayName} is no longer a contact.`);
      }))) : h('li', {class: 'empty'}, 'No contacts yet.'));
  }

  const askLine = outcome();
  const ask = form({class: 'settings-form inline', 'aria-label': 'Ask someone to be a contact'}, [
    field('Their email address', {name: 'email', type: 'email', required: true, autocomplete: 'off'}),
    h('button', {type: 'submit'}, 'Send request'),
  ], async f => {
    const user = await findUser(f.email.value);
    const answer = await post('/api/v1/users/me/contacts/requests', {userId: user.id});
    f.reset();
    askLine.ok(answer.status === 'accepted' ? `${user.displayName} had asked you too: you are contacts now.`
      : `Request sent to ${user.displayName}.`);
    await load();
  }, askLine);

  load().catch(e => line.fail(e));
  return section('contacts', 'Contacts',
    ask, askLine,
    h('h3', {}, 'Requests to you'), incoming,
    h('h3', {}, 'Your requests'), outgoing,
    h('h3', {}, 'Your contacts'), contacts,
    line);
}

export function blocksSection() {
  const line = outcome();
  const list = h('ul', {class: 'settings-list', 'aria-label': 'Blocked people', 'data-testid': 'blocks'});

  async function load() {
    const {items} = await get('/api/v1/users/me/blocks');
    replace(list, items.length ? items.map(b => h('li', {},
      h('div', {class: 'what'}, h('strong', {}, b.displayName ?? 'Deleted account'),
        h('span', {class: 'detail'}, `blocked ${formatDate(b.createdAt)}${b.reason ? ` · ${b.reason}` : ''}`)),
      h('button', {type: 'button', 'aria-label': `Unblock ${b.displayName ?? ''}`,
        onclick: event => run(event.currentTarget, line, async () => {
          await del(`/api/v1/users/me/blocks/${b.userId}`);
          line.ok(`${b.displayName ?? 'They'} can reach you again.`);
          await load();
        })}, 'Unblock'))) : h('li', {class: 'empty'}, 'You have blocked nobody.'));
  }

  const block = form({class: 'settings-form inline', 'aria-label': 'Block someone'}, [
    field('Email address to block', {name: 'email', type: 'email', required: true, autocomplete: 'off'}),
    h('button', {type: 'submit'}, 'Block'),
  ], async f => {
    const user = await findUser(f.email.value);
    await put(`/api/v1/users/me/blocks/${user.id}`, {});
    f.reset();
    line.ok(`${user.displayName} is blocked: no messages, calls or contact requests from them, and they do not see you online.`);
    await load();
  }, line);

  load().catch(e => line.fail(e));
  return section('blocks', 'Blocked people',
    h('p', {class: 'hint'}, 'Someone you block cannot write to you, call you, ask to be your contact or see when you are online.'),
    block, list, line);
}
