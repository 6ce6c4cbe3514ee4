// One open conversation: its history (older pages load when you scroll to the top), the composer with file
// attachments, typing indicator, read receipts, reactions, and edit/delete of your own messages.
import {h, replace, formatTime, formatBytes} from '../dom.js';
import {profile, findUser, conversationTitle} from '../people.js';
import * as files from '../files.js';
import {PollCards, pollForm} from './poll.js';
import {changeLine, encryptedPoll, encryptionLabel, encryptionNotices, verificationPanel} from './e2ee.js';

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
  constructor(chat, e2ee, me, pane, calls, onBack) {
    this.chat = chat;
    this.e2ee = e2ee;
    this.me = me;
    this.pane = pane;
    this.calls = calls;
    this.onBack = onBack;
    this.id = null;
    this.imageUrls = new Map();
    this.pollCards = new PollCards(chat);
    chat.addEventListener('change', event => this.#onChange(event.detail));
    e2ee.addEventListener('change', event => {
      if (!this.id || !this.encrypted || (event.detail.conversationId && event.detail.conversationId !== this.id)) return;
      this.#renderNotices();
      this.#renderMessages();
    });
  }

  async show(conversationId) {
    const focusedBefore = document.activeElement;
    this.id = conversationId;
    this.editing = null;
    this.openPollForm = null;
    this.verifyPanel = null;
    const conversation = this.chat.conversations.get(conversationId);
    this.encrypted = Boolean(conversation.e2ee);
    this.notices = h('div', {class: 'notices', 'aria-live': 'polite'});
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
        this.encrypted ? encryptionLabel(button => this.#toggleVerify(button)) : null,
        this.calls.callButtons(conversationId),
        conversation.type === 'group' ? this.#addMemberButton() : null,
        conversation.type === 'group' ? this.#removeMemberButton() : null),
      this.notices, this.list, this.typingLine, this.progress, this.composer);
    this.list.addEventListener('scroll', () => this.#maybeLoadOlder());
    if (this.encrypted) {
      this.#renderNotices();
      await this.e2ee.load(conversationId).catch(e => console.warn(e));
    }
    await this.chat.open(conversationId);
    // ready to type, unless the person moved on while the history loaded (typing in another field meanwhile went
    // into the composer, a group's member list into a message)
    const focused = document.activeElement;
    if (this.id === conversationId && (focused === focusedBefore || focused === document.body || focused === null)) {
      this.composer.querySelector('textarea').focus();
    }
  }

  #renderNotices() {
    if (this.encrypted) replace(this.notices, encryptionNotices(this.e2ee.status(this.id)));
  }

  async #toggleVerify(button) {
    if (this.verifyPanel) {
      this.verifyPanel.remove();
      this.verifyPanel = null;
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    this.verifyPanel = await verificationPanel(this.e2ee, this.id, this.me);
    this.notices.after(this.verifyPanel);
    button.setAttribute('aria-expanded', 'true');
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
    const items = await Promise.all(messages.map(m => this.encrypted && (m.type === 'e2ee' || m.type === 'mls_commit')
      ? this.#encryptedMessage(m, readBy) : this.#message(m, readBy)));
    const pending = this.chat.pendingOf(this.id).map(frame =>
      h('li', {class: 'message mine pending', dataset: {clientId: frame.clientId}},
        h('p', {class: 'body'}, frame.body), h('p', {class: 'meta'}, 'Sending…')));
    replace(this.list, items, pending);
    if (atBottom || pending.length) this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * An e2ee message as this device decrypted it. Nothing shows for what was sent before this device joined (the
   * notice above says so), for the messages that only change another one, nor for commits that changed no device.
   */
  async #encryptedMessage(message, readBy) {
    const status = this.e2ee.status(this.id);
    if (!status.joined && !status.refused) return null;
    if (message.seq <= status.joinedSeq) return null;
    const item = this.e2ee.display(this.id, message);
    if (!item) {
      return message.type === 'e2ee' && !message.deleted && !status.refused
        ? h('li', {class: 'message decrypting', dataset: {seq: String(message.seq)}}, h('p', {class: 'meta'}, 'Decrypting…'))
        : null;
    }
    const li = h('li', {class: 'message', dataset: {id: message.id, seq: String(message.seq)}});
    switch (item.type) {
      case 'change':
      case 'refused':
        return changeLine(li, item);
      case 'failed':
        li.classList.add('system');
        return replace(li, h('p', {class: 'meta'}, 'This message could not be decrypted on this device.'));
      case 'text':
      case 'poll':
      case 'file':
        return this.#message({...message, type: item.type, body: item.text ?? item.name ?? '', deleted: item.deleted,
          editedAt: item.edited ? message.createdAt : null, reactions: item.reactions, decrypted: item}, readBy);
      default:
        return null; // hidden (an edit, reaction, deletion or vote) or from before this device joined
    }
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
    const body = message.type === 'poll'
      ? encryptedPoll(message.decrypted, options => this.chat.sendEncrypted(this.id, {kind: 'vote', target: message.id, options}))
      : h('p', {class: 'body'}, await showMentions(message.body ?? ''));
    const attachments = message.type === 'file' ? [this.#encryptedAttachment(message)]
      : (message.attachments ?? []).map(id => this.#attachment(id, message.body));
    const reactions = h('div', {class: 'reactions'}, (message.reactions ?? []).map(r =>
      h('span', {class: 'reaction', 'aria-label': `${r.emoji} ${r.userIds.length}`}, `${r.emoji} ${r.userIds.length}`)));
    const actions = h('div', {class: 'actions'},
      REACTIONS.map(emoji => {
        const reacted = (message.reactions ?? []).some(r => r.emoji === emoji && r.userIds.includes(this.me.id));
        return h('button', {type: 'button', 'aria-pressed': String(reacted), 'aria-label': `React ${emoji}`,
          onclick: () => this.#react(message, emoji, reacted)}, emoji);
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
    return this.#fileBox(fileId, name || 'file', null, () => files.download(fileId), () => files.fetchBlob(fileId));
  }

  /**
   * A file of an e2ee conversation: its name and size come from the decrypted message, its bytes are decrypted
   * here and checked against the SHA-256 the sender put in the message. The file must be one the server attached to
   * this message (shared with the conversation), not any file id a sender may write.
   */
  #encryptedAttachment(message) {
    const file = message.decrypted.file;
    if (!file?.key || !(message.attachments ?? []).includes(file.fileId)) {
      return h('div', {class: 'attachment'}, h('p', {class: 'error', role: 'alert'},
        `📎 ${message.decrypted.name}: this file is not attached to the message and cannot be opened.`));
    }
    return this.#fileBox(file.fileId, file.name, file.size, () => files.downloadDecrypted(file),
      () => files.fetchDecrypted(file));
  }

  /** A download button (an error under it, if it fails) and, for a picture, the picture. */
  #fileBox(fileId, label, size, save, fetchBlob) {
    const error = h('p', {class: 'error', role: 'alert'});
    const container = h('div', {class: 'attachment'},
      h('button', {type: 'button', class: 'download', dataset: {fileId}, onclick: () => {
        error.textContent = '';
        save().catch(e => { error.textContent = e.message; });
      }}, `⬇ ${label}`, size === null ? null : h('span', {class: 'size'}, ` (${formatBytes(size)})`)),
      error);
    if (IMAGE_NAME.test(label)) this.#inlineImage(container, fileId, label, fetchBlob, error);
    return container;
  }

  async #inlineImage(container, fileId, label, fetchBlob, error) {
    if (!this.imageUrls.has(fileId)) {
      this.imageUrls.set(fileId, fetchBlob().then(blob => ({url: URL.createObjectURL(blob)}), e => ({error: e.message})));
    }
    const {url, error: failed} = await this.imageUrls.get(fileId);
    if (url) container.prepend(h('img', {src: url, alt: label, class: 'inline-image'}));
    else if (failed && this.encrypted) error.textContent = failed;   // (a plain picture that does not load stays a link)
  }

  #react(message, emoji, reacted) {
    if (this.encrypted) this.chat.sendEncrypted(this.id, {kind: 'reaction', target: message.id, emoji, remove: reacted});
    else this.chat.react(this.id, message.id, emoji, reacted);
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
      const text = input.value.trim();
      if (text && this.encrypted) this.chat.sendEncrypted(this.id, {kind: 'edit', target: message.id, text});
      else if (text) this.chat.edit(this.id, message.id, text);
      done();
    });
    input.addEventListener('keydown', event => {
      if (event.key === 'Escape') done();
    });
    li.querySelector('.body').replaceWith(form);
    input.focus();
  }

  #delete(message) {
    if (!confirm('Delete this message for everyone?')) return;
    if (this.encrypted) {
      // the devices fold the encrypted delete into what they show; the server's own delete then erases the
      // ciphertext and its file grant, so nothing of the message stays on the server
      this.chat.sendEncrypted(this.id, {kind: 'delete', target: message.id});
    }
    this.chat.remove(this.id, message.id);
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
      h('label', {for: 'attach', class: 'attach'}, 'Attach'), fileInput, pollButton, text,
      h('button', {type: 'submit', class: 'primary'}, 'Send'), error);
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
      const withMentions = await this.chat.withMentions(this.id, body);
      if (this.encrypted) this.chat.sendEncrypted(this.id, {kind: 'text', text: withMentions});
      else this.chat.send(this.id, withMentions);
      clearTimeout(idleTimer);
      stopTyping();
    });
    fileInput.addEventListener('change', async () => {
      const file = fileInput.files[0];
      if (!file) return;
      error.textContent = '';
      this.progress.hidden = false;
      this.progress.value = 0;
      const progress = fraction => { this.progress.value = fraction; };
      try {
        if (this.encrypted) {
          // nothing goes up while this device cannot send here (the file would stay unsent and unusable)
          const status = this.e2ee.status(this.id);
          if (!status.joined || status.refused) throw new Error('this device is not in the conversation’s encryption group');
          const content = await files.uploadEncrypted(file, progress);
          this.chat.sendEncrypted(this.id, content, {attachments: [content.fileId]});
        } else {
          const stored = await files.upload(file, progress);
          this.chat.send(this.id, stored.name, {attachments: [stored.id]});
        }
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
    const encryptedPollSent = this.encrypted
      ? poll => this.chat.sendEncrypted(this.id, {kind: 'poll', question: poll.question, options: poll.options,
        multipleChoice: poll.multipleChoice}) : undefined;
    this.openPollForm = pollForm(this.id, () => this.#togglePollForm(button), encryptedPollSent);
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

  #removeMemberButton() {
    return h('button', {type: 'button', onclick: async () => {
      const email = prompt('Remove who? (email address)');
      if (!email) return;
      try {
        await this.chat.removeMember(this.id, (await findUser(email)).id);
      } catch (e) {
        alert(e.message);
      }
    }}, 'Remove member');
  }
}
