// The signed-in screen: a header (who you are, connection state, settings, sign out), the conversation list, and the
// open conversation, or the settings in their place. On a phone-sized screen only one of list and conversation shows
// at a time. A session that must first set up two-step sign-in (its token says mfa_enrolment) gets only that.
import {h, replace, field} from '../dom.js';
import {get, post, ApiError} from '../api.js';
import {forgetProfiles, findUser, conversationTitle} from '../people.js';
import * as session from '../session.js';
import {Chat} from '../chat.js';
import {E2ee} from '../e2ee/engine.js';
import {justRegistered, setSignInNotice} from './auth.js';
import {ConversationView} from './conversation.js';
import {Calls} from './call.js';
import {NotificationsPanel} from './notifications.js';
import {settingsScreen} from './settings/index.js';

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

export async function showApp(main) {
  const me = await get('/api/v1/users/me');
  if (tokenClaims().mfa_enrolment) return showEnrolment(main, me);
  const chat = new Chat(me);
  const e2ee = new E2ee(me, chat);
  chat.e2ee = e2ee;
  const status = document.getElementById('status');
  const list = h('ul', {class: 'conversations', 'aria-label': 'Conversations'});
  const pane = h('section', {class: 'pane', 'aria-label': 'Conversation'},
    h('p', {class: 'empty'}, 'Choose a conversation, or start one with someone’s email address.'));
  const calls = new Calls(chat, me);
  const view = new ConversationView(chat, e2ee, me, pane, calls, () => document.body.classList.remove('conversation-open'));
  const notifications = new NotificationsPanel();

  const name = h('span', {class: 'me', 'data-testid': 'me'}, me.displayName);
  const settingsButton = h('button', {type: 'button', 'aria-pressed': 'false', onclick: () => toggleSettings()}, 'Settings');
  const header = h('header', {class: 'topbar'},
    h('h1', {class: 'brand'}, 'SecureConnect'),
    name,
    notifications.button,
    settingsButton,
    h('button', {type: 'button', onclick: () => signOut()}, 'Sign out'));

  const sidebar = h('nav', {class: 'sidebar', 'aria-label': 'Conversations'},
    verificationHint(me),
    newDirectForm(chat, e2ee, open),
    newGroupForm(chat, e2ee, open),
    h('h2', {class: 'visually-hidden'}, 'Your conversations'),
    list);

  const layout = h('div', {class: 'layout'}, sidebar, pane);
  const settingsHost = h('div', {class: 'settings-host', hidden: true});
  replace(main, header, notifications.panel, layout, settingsHost, calls.element);

  /** The settings take the place of list and conversation; the chat keeps running behind them. */
  function toggleSettings(open = settingsHost.hidden) {
    settingsButton.setAttribute('aria-pressed', String(open));
    layout.hidden = open;
    settingsHost.hidden = !open;
    if (!open) {
      settingsHost.replaceChildren();
      return settingsButton.focus();
    }
    replace(settingsHost, settingsScreen({
      me, chat, e2ee,
      onClose: () => toggleSettings(false),
      onProfileChange: changed => {
        Object.assign(me, changed);
        name.textContent = changed.displayName;
        forgetProfiles();
        renderList();
      },
    }));
  }

  chat.addEventListener('change', event => {
    const {what} = event.detail;
    if (what === 'mentioned') setTimeout(() => notifications.load(), 1_000); // the inbox entry follows the message
    if (what === 'conversations' || what === 'presence') renderList();
    if (what === 'connection') showConnection(event.detail);
  });

  function showConnection({state}) {
    const text = CONNECTION_TEXT[state];
    status.hidden = !text;
    status.textContent = text ?? '';
    status.dataset.state = state;
  }

  async function open(conversationId) {
    document.body.classList.add('conversation-open');
    await view.show(conversationId);
    renderList();
  }

  async function renderList() {
    const items = await Promise.all(chat.sortedConversations().map(async c => {
      const title = await conversationTitle(c, me);
      const other = c.type === 'direct' ? c.members.find(m => m.userId !== me.id)?.userId : null;
      const presence = other ? chat.presence.get(other) ?? 'offline' : null;
      const unread = c.unreadCount > 0 && chat.openConversation !== c.id ? c.unreadCount : 0;
      return h('li', {},
        h('button', {type: 'button', class: 'conversation', dataset: {id: c.id},
          'aria-current': chat.openConversation === c.id ? 'true' : undefined, onclick: () => open(c.id)},
        presence ? h('span', {class: `dot ${presence}`, title: presence, 'aria-label': presence}) : null,
        h('span', {class: 'title'}, title),
        c.e2ee ? h('span', {class: 'lock', title: 'End-to-end encrypted', 'aria-label': 'End-to-end encrypted'}, '🔒') : null,
        unread ? h('span', {class: 'badge', 'aria-label': `${unread} unread`}, String(unread)) : null));
    }));
    replace(list, items.length ? items : h('li', {class: 'empty'}, 'No conversations yet.'));
  }

  chat.addEventListener('event', event => calls.onChatEvent(event.detail));
  document.addEventListener('visibilitychange', () => {
    if (chat.openConversation) chat.markRead(chat.openConversation);
  });
  const unsubscribe = session.onSessionChange(change => {
    if (change === 'token') {
      chat.socket.reauthenticate();
      calls.reauthenticate();
    } else if (change === 'ended') {
      stopAll();
    }
  });
  function stopAll() {
    unsubscribe();
    calls.hangUp();
    chat.stop();
    e2ee.stop();
    // the server drops this device with the session: its keys, group states and plaintexts go too
    E2ee.forget(me.id);
    forgetProfiles();
    status.hidden = true;
  }
  async function signOut() {
    try {
      await post('/api/v1/auth/logout');
    } catch (e) {
      if (!(e instanceof ApiError)) console.warn('logout not confirmed by the server', e);
    }
    session.end();
  }
  await chat.start();
  notifications.load();
}

/** The claims of the access token (to see whether it may only be used to set up two-step sign-in). */
function tokenClaims() {
  try {
    const payload = session.token().split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(atob(payload));
  } catch {
    return {};
  }
}

/**
 * The organisation requires a second factor this account does not have yet: the token works only for setting one
 * up, so no chat starts; once one is set up, a refreshed token (or, failing that, a new sign-in) lets the user in.
 */
function showEnrolment(main, me) {
  const signOut = () => post('/api/v1/auth/logout').catch(() => {}).finally(() => session.end());
  replace(main,
    h('header', {class: 'topbar'},
      h('h1', {class: 'brand'}, 'SecureConnect'),
      h('span', {class: 'me', 'data-testid': 'me-enrolling'}, me.displayName),
      h('button', {type: 'button', onclick: signOut}, 'Sign out')),
    h('div', {class: 'settings-host'}, settingsScreen({
      me,
      enrolmentRequired: true,
      onEnrolled: async () => {
        await session.refresh();
        if (!tokenClaims().mfa_enrolment) return showApp(main);
        setSignInNotice('Two-step sign-in is set up. Sign in again to use it.');
        await signOut();
      },
    }, 'two-step')));
}

/** The box that makes a new conversation end-to-end encrypted (MLS, see docs/e2ee.md). */
function e2eeBox() {
  return h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'e2ee'}), ' End-to-end encrypted');
}

/** Creates the MLS group of a new e2ee conversation; the conversation shows how that goes. */
function setUpEncryption(e2ee, conversation) {
  if (conversation.e2ee) e2ee.setUp(conversation.id).catch(e => console.warn('encryption not set up', e));
}

function newDirectForm(chat, e2ee, open) {
  const error = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'new-chat', 'aria-label': 'Start a conversation'},
    field('Start a chat (email)', {name: 'email', type: 'email', required: true, autocomplete: 'off'}),
    e2eeBox(),
    h('button', {type: 'submit'}, 'Start chat'),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      const user = await findUser(form.email.value);
      const conversation = await chat.createDirect(user.id, form.e2ee.checked);
      setUpEncryption(e2ee, conversation);
      form.reset();
      await open(conversation.id);
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return form;
}

function newGroupForm(chat, e2ee, open) {
  const error = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'new-chat'},
    field('Group name', {name: 'groupName', required: true, maxlength: 100}),
    field('Members (emails, comma-separated)', {name: 'emails', required: true}),
    e2eeBox(),
    h('button', {type: 'submit'}, 'Create group'),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      const users = await Promise.all(form.emails.value.split(',').filter(e => e.trim()).map(findUser));
      const conversation = await chat.createGroup(form.groupName.value.trim(), users.map(u => u.id), form.e2ee.checked);
      setUpEncryption(e2ee, conversation);
      form.reset();
      form.closest('details').open = false;
      await open(conversation.id);
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return h('details', {class: 'group-form'}, h('summary', {}, 'New group'), form);
}

function verificationHint(me) {
  if (me.emailVerified) return null;
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
  const status = h('span', {role: 'status'});
  const resend = h('button', {type: 'button', class: 'link'}, 'Send the link again');
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    try {
      await post('/api/v1/auth/verify-email/resend', {email: me.email}, {anonymous: true});
      status.textContent = ' Sent, if the address still needs confirming.';
    } catch (e) {
      status.textContent = e.status === 429 ? ' Too many requests; try again later.' : ` ${e.message}`;
      resend.disabled = false;
    }
  });
  return h('p', {class: 'hint verify', role: 'note', 'data-testid': 'verification-hint'},
    `${justRegistered ? 'Welcome! ' : ''}We sent a confirmation link to ${me.email}. `,
    local ? 'Running locally, the mail is an .eml file in .secureconnect/mail/ — open the link in it. ' : '',
    'Until you confirm, you can read the conversations you are in, but not start one or write. ', resend, status);
}
