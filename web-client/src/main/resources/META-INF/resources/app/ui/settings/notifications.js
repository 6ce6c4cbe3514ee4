// Notifications: which kinds of event are pushed to your devices (the rest only show in the inbox), and the
// conversations you muted, until when (chat-service, docs/push.md).
import {h, replace} from '../../dom.js';
import {get, put, del} from '../../api.js';
import {conversationTitle} from '../../people.js';
import {section, outcome, run, toggle, formatDate} from './parts.js';

const KINDS = {
  message: 'New messages',
  mention: 'Mentions of me',
  reply: 'Replies to me',
  missed_call: 'Missed calls',
  friend_request: 'Contact requests',
  poll_result: 'Poll results',
};
const FOREVER_YEAR = 9999;
const DURATIONS = [['1 hour', 3_600_000], ['8 hours', 8 * 3_600_000], ['1 day', 86_400_000], ['1 week', 7 * 86_400_000],
  ['Until I unmute', null]];

export function notificationsSection(ctx) {
  const line = outcome();
  const kinds = h('fieldset', {class: 'kinds', disabled: true}, h('legend', {}, 'Push a notification for'));
  const mutes = h('ul', {class: 'settings-list', 'aria-label': 'Muted conversations', 'data-testid': 'mutes'});
  const conversations = () => ctx.chat ? ctx.chat.sortedConversations() : [];

  async function loadPreferences() {
    const {push} = await get('/api/v1/notifications/preferences');
    replace(kinds, h('legend', {}, 'Push a notification for'), Object.entries(KINDS).map(([kind, label]) => {
      const box = toggle(label, {name: kind, checked: push[kind] !== false});
      const input = box.querySelector('input');
      input.addEventListener('change', () => run(input, line, async () => {
        const saved = await put('/api/v1/notifications/preferences', {push: {[kind]: input.checked}});
        input.checked = saved.push[kind];
        line.ok(`Saved: ${label.toLowerCase()} ${input.checked ? 'are pushed' : 'only show in the inbox'}.`);
      }).then(ok => { if (!ok) input.checked = !input.checked; }));
      return box;
    }));
    kinds.disabled = false;
  }

  async function loadMutes() {
    const {items} = await get('/api/v1/notifications/mutes');
    const titles = await Promise.all(items.map(m => titleOf(m.conversationId)));
    replace(mutes, items.length ? items.map((m, i) => h('li', {},
      h('div', {class: 'what'}, h('strong', {}, titles[i]), h('span', {class: 'detail'},
        new Date(m.until).getUTCFullYear() >= FOREVER_YEAR ? 'until you unmute it' : `until ${formatDate(m.until)}`)),
      h('button', {type: 'button', 'aria-label': `Unmute ${titles[i]}`, onclick: event => run(event.currentTarget, line, async () => {
        await del(`/api/v1/notifications/mutes/${m.conversationId}`);
        line.ok(`${titles[i]} is no longer muted.`);
        await loadMutes();
      })}, 'Unmute'))) : h('li', {class: 'empty'}, 'No muted conversations.'));
  }

  async function titleOf(conversationId) {
    const conversation = conversations().find(c => c.id === conversationId);
    return conversation ? conversationTitle(conversation, ctx.me) : 'A conversation';
  }

  const which = h('select', {id: 'mute-conversation', name: 'conversation', required: true});
  const howLong = h('select', {id: 'mute-duration', name: 'duration'},
    DURATIONS.map(([label], i) => h('option', {value: String(i)}, label)));
  const muteButton = h('button', {type: 'submit'}, 'Mute');
  const muteForm = h('form', {class: 'settings-form inline', 'aria-label': 'Mute a conversation'},
    h('div', {class: 'field'}, h('label', {for: 'mute-conversation'}, 'Conversation'), which),
    h('div', {class: 'field'}, h('label', {for: 'mute-duration'}, 'For'), howLong),
    muteButton);
  muteForm.addEventListener('submit', event => {
    event.preventDefault();
    run(muteButton, line, async () => {
      if (!which.value) throw new Error('Choose a conversation.');
      const ms = DURATIONS[Number(howLong.value)][1];
      await put(`/api/v1/notifications/mutes/${which.value}`, ms ? {until: new Date(Date.now() + ms).toISOString()} : {});
      line.ok('Muted: it still shows new messages, but sends no push notification.');
      await loadMutes();
    });
  });
  Promise.all(conversations().map(async c => h('option', {value: c.id}, await conversationTitle(c, ctx.me))))
    .then(options => {
      replace(which, options.length ? options : h('option', {value: ''}, 'No conversations yet'));
      muteButton.disabled = !options.length;
    });

  loadPreferences().catch(e => line.fail(e));
  loadMutes().catch(e => line.fail(e));
  return section('notifications', 'Notifications',
    kinds,
    h('h3', {}, 'Muted conversations'), mutes, muteForm,
    line);
}
