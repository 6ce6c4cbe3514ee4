// One open conversation: its history (older pages load when you scroll to the top), the composer with file
// attachments, typing indicator, read receipts, reactions, and edit/delete of your own messages.
import {h, replace, formatTime, formatBytes} from '../dom.js';
import {profile, findUser, conversationTitle} from '../people.js';
import * as files from '../files.js';
import {PollCards, pollForm} from './poll.js';

const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const IMAGE_NAME = /\.(png|jpe?g|gif|webp|avif)$/i;
const REACTIONS = ['👍', '❤️', '😂'];
const MENTION = /@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** `@<user id>` as `@Name`. */
async function showMentions(body) {
  const ids = [...new Set([...body.matchAll(MENTION)].map(m => m[1]))];
  const names = new Map(await Promise.all(ids.map(async id => [id, (await profile(id)).displayName])));
  return body.replace(MENTION, (mention, id) => `@${names.get(id)}`);
}

export class ConversationView {
  constructor(chat, me, pane, calls, onBack) {
    this.chat = chat;
    this.me = me;
    this.pane = pane;
    this.calls = calls;
    this.onBack = onBack;
    this.id = null;
    this.imageUrls = new Map();
    this.pollCards = new PollCards(chat);
    chat.addEventListener('change', event => this.#onChange(event.detail));
  }

  async show(conversationId) {
    this.id = conversationId;
    this.editing = null;
    this.openPollForm = null;
    const conversation = this.chat.conversations.get(conversationId);
    const title = await conversationTitle(conversation, this.me);
    this.list = h('ol', {class: 'messages', 'aria-label': `Messages with ${title}`, 'aria-live': 'polite',
      tabindex: '0'});
    this.typingLine = h('p', {class: 'typing', 'aria-live': 'polite', 'data-testid': 'typing'});
    this.progress = h('progress', {class: 'upload', max: 1, value: 0, hidden: true, 'aria-label': 'Upload progress'});
    this.composer = this.#composer();
    const other = conversation.type === 'direct' ? conversation.members.find(m => m.userId !== this.me.id) : null;
    replace(this.pane,
      h('header', {class: 'pane-header'},
        h('button', {type: 'button', class: 'back', 'aria-label': 'Back to conversations', onclick: this.onBack}, '←'),
        h('h2', {}, title),
        other ? h('span', {class: 'presence', 'data-testid': 'presence'}, this.chat.presence.get(other.userId) ?? 'offline') : null,
        this.calls.callButtons(conversationId),
        conversation.type === 'group' ? this.#addMemberButton() : null),
      this.list, this.typingLine, this.progress, this.composer);
    this.list.addEventListener('scroll', () => this.#maybeLoadOlder());
    await this.chat.open(conversationId);
    this.composer.querySelector('textarea').focus();
  }

  #onChange({what, conversationId, error}) {
    if (!this.id) return;
    if (conversationId && conversationId !== this.id) return;
    if (['messages', 'pending', 'receipts'].includes(what)) this.#renderMessages();
    if (what === 'error' && error) this.composer.querySelector('.error').textContent = error.detail ?? error.code;
    if (what === 'typing') this.#renderTyping();
    if (what === 'presence') {
      const conversation = this.chat.conversations.get(this.id);
      const other = conversation?.type === 'direct' ? conversation.members.find(m => m.userId !== this.me.id) : null;
      const line = this.pane.querySelector('[data-testid=presence]');
      if (other && line) line.textContent = this.chat.presence.get(other.userId) ?? 'offline';
    }
  }

  async #maybeLoadOlder() {
    if (this.list.scrollTop > 40 || this.loadingOlder) return;
    this.loadingOlder = true;
    const before = this.list.scrollHeight;
    try {
      if (await this.chat.loadOlder(this.id)) this.list.scrollTop = this.list.scrollHeight - before;
    } finally {
      this.loadingOlder = false;
    }
  }

  async #renderMessages() {
    if (this.editing) return; // an open edit form survives frames that arrive meanwhile; closing it renders
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 60;
    const messages = this.chat.messagesOf(this.id);
    const readBy = this.chat.readBy(this.id);
    const items = await Promise.all(messages.map(m => this.#message(m, readBy)));
    const pending = this.chat.pendingOf(this.id).map(frame =>
      h('li', {class: 'message mine pending', dataset: {clientId: frame.clientId}},
        h('p', {class: 'body'}, frame.body), h('p', {class: 'meta'}, 'Sending…')));
    replace(this.list, items, pending);
    if (atBottom || pending.length) this.list.scrollTop = this.list.scrollHeight;
  }

  async #message(message, readBy) {
    const mine = message.senderId === this.me.id;
    const sender = mine ? 'You' : (await profile(message.senderId)).displayName;
    const li = h('li', {class: `message${mine ? ' mine' : ''}${message.deleted ? ' deleted' : ''}`,
      dataset: {id: message.id, seq: String(message.seq)}});
    const meta = h('p', {class: 'meta'}, `${sender} · ${formatTime(message.createdAt)}`,
      message.editedAt && !message.deleted ? ' · edited' : '',
      mine && !message.deleted ? h('span', {class: 'receipt', 'data-testid': 'receipt'}, ` · ${this.#receipt(message, readBy)}`) : '');
    if (message.deleted) {
      return replace(li, h('p', {class: 'body'}, 'This message was deleted.'), meta);
    }
    if (message.type === 'system') return this.#systemMessage(li, message, sender);
    const body = h('p', {class: 'body'}, await showMentions(message.body ?? ''));
    const attachments = (message.attachments ?? []).map(id => this.#attachment(id, message.body));
    const reactions = h('div', {class: 'reactions'}, (message.reactions ?? []).map(r =>
      h('span', {class: 'reaction', 'aria-label': `${r.emoji} ${r.userIds.length}`}, `${r.emoji} ${r.userIds.length}`)));
    const actions = h('div', {class: 'actions'},
      REACTIONS.map(emoji => {
        const reacted = (message.reactions ?? []).some(r => r.emoji === emoji && r.userIds.includes(this.me.id));
        return h('button', {type: 'button', 'aria-pressed': String(reacted), 'aria-label': `React ${emoji}`,
          onclick: () => this.chat.react(this.id, message.id, emoji, reacted)}, emoji);
      }),
      mine && message.type === 'text' ? h('button', {type: 'button', onclick: () => this.#edit(li, message)}, 'Edit') : null,
      mine ? h('button', {type: 'button', onclick: () => this.#delete(message)}, 'Delete') : null);
    return replace(li, attachments.length ? null : body, attachments, meta, reactions, actions);
  }

  /** Events chat-service writes into the history; a poll is shown as a live card. */
  #systemMessage(li, message, sender) {
    let event = {};
    try {
      event = JSON.parse(message.body ?? '{}');
    } catch {
      // an event this client does not know: shown by name below
    }
    li.classList.add('system');
    if (event.event === 'poll.created' && event.pollId) {
      return replace(li, this.pollCards.card(event.pollId), h('p', {class: 'meta'}, `${sender} · ${formatTime(message.createdAt)}`));
    }
    return replace(li, h('p', {class: 'meta'}, `${sender}: ${String(event.event ?? 'update').replaceAll('.', ' ')}`));
  }

  #receipt(message, readBy) {
    const readers = [...readBy.entries()].filter(([userId, seq]) => userId !== this.me.id && seq >= message.seq);
    const conversation = this.chat.conversations.get(this.id);
    if (!readers.length) return 'Sent';
    return conversation.type === 'direct' ? 'Read' : `Read by ${readers.length}`;
  }

  #attachment(fileId, name) {
    const label = name || 'file';
    const container = h('div', {class: 'attachment'},
      h('button', {type: 'button', class: 'download', dataset: {fileId},
        onclick: () => files.download(fileId).catch(e => alert(e.message))}, `⬇ ${label}`));
    if (IMAGE_NAME.test(label)) this.#inlineImage(container, fileId, label);
    return container;
  }

  async #inlineImage(container, fileId, label) {
    if (!this.imageUrls.has(fileId)) {
      this.imageUrls.set(fileId, files.fetchBlob(fileId).then(blob => URL.createObjectURL(blob)).catch(() => null));
    }
    const url = await this.imageUrls.get(fileId);
    if (url) container.prepend(h('img', {src: url, alt: label, class: 'inline-image'}));
  }

  #edit(li, message) {
    this.editing = message.id;
    const done = () => {
      this.editing = null;
      this.#renderMessages();
    };
    const input = h('textarea', {'aria-label': 'Edit message', rows: 2}, message.body);
    const form = h('form', {class: 'edit'}, input,
      h('button', {type: 'submit'}, 'Save'),
      h('button', {type: 'button', onclick: done}, 'Cancel'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      if (input.value.trim()) this.chat.edit(this.id, message.id, input.value.trim());
      done();
    });
    input.addEventListener('keydown', event => {
      if (event.key === 'Escape') done();
    });
    li.querySelector('.body').replaceWith(form);
    input.focus();
  }

  #delete(message) {
    if (confirm('Delete this message for everyone?')) this.chat.remove(this.id, message.id);
  }

  #renderTyping() {
    const ids = this.chat.typingIn(this.id);
    Promise.all(ids.map(id => profile(id))).then(people => {
      this.typingLine.textContent = people.length
        ? `${people.map(p => p.displayName).join(', ')} ${people.length === 1 ? 'is' : 'are'} typing…` : '';
    });
  }

  #composer() {
    const text = h('textarea', {name: 'body', rows: 2, maxlength: 4000, 'aria-label': 'Message',
      placeholder: 'Write a message (Enter sends, Shift+Enter for a new line)'});
    const fileInput = h('input', {type: 'file', class: 'visually-hidden', id: 'attach', 'aria-label': 'Attach a file'});
    const error = h('p', {class: 'error', role: 'alert'});
    const pollButton = h('button', {type: 'button', 'aria-expanded': 'false', onclick: () => this.#togglePollForm(pollButton)},
      'Poll');
    const form = h('form', {class: 'composer'},
      h('label', {for: 'attach', class: 'attach'}, 'Attach'),
      fileInput, pollButton, text, h('button', {type: 'submit', class: 'primary'}, 'Send'), error);
    let typingSentAt = 0;
    let idleTimer;
    const stopTyping = () => {
      if (typingSentAt) this.chat.setTyping(this.id, false);
      typingSentAt = 0;
    };
    text.addEventListener('input', () => {
      if (Date.now() - typingSentAt > TYPING_REPEAT_MS) {
        this.chat.setTyping(this.id, true);
        typingSentAt = Date.now();
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    });
    text.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const body = text.value.trim();
      if (!body) return;
      text.value = '';
      error.textContent = '';
      this.chat.send(this.id, await this.chat.withMentions(this.id, body));
      clearTimeout(idleTimer);
      stopTyping();
    });
    fileInput.addEventListener('change', async () => {
      const file = fileInput.files[0];
      if (!file) return;
      error.textContent = '';
      this.progress.hidden = false;
      this.progress.value = 0;
      try {
        const stored = await files.upload(file, fraction => { this.progress.value = fraction; });
        this.chat.send(this.id, stored.name, {attachments: [stored.id]});
      } catch (e) {
        error.textContent = `${file.name} (${formatBytes(file.size)}) was not sent: ${e.message}`;
      } finally {
        this.progress.hidden = true;
        fileInput.value = '';
      }
    });
    return form;
  }

  #togglePollForm(button) {
    if (this.openPollForm) {
      this.openPollForm.remove();
      this.openPollForm = null;
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    this.openPollForm = pollForm(this.id, () => this.#togglePollForm(button));
    this.composer.before(this.openPollForm);
    button.setAttribute('aria-expanded', 'true');
    this.openPollForm.querySelector('input').focus();
  }

  #addMemberButton() {
    return h('button', {type: 'button', onclick: async () => {
      const email = prompt('Add who? (email address)');
      if (!email) return;
      try {
        await this.chat.addMembers(this.id, [(await findUser(email)).id]);
      } catch (e) {
        alert(e.message);
      }
    }}, 'Add member');
  }
}
