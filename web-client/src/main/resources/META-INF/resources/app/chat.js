// The chat state of this tab: conversations, the messages held of each (by seq), receipts, typing and presence,
// kept current by the /ws/chat socket. Views subscribe to 'change' events and read the state; they never talk to
// the socket themselves.
import {get, post, del} from './api.js';
import {ReconnectingSocket} from './socket.js';
import {profile} from './people.js';

const compact = name => name.replace(/\s+/g, '').toLowerCase();

const TYPING_SHOWN_MS = 6_000;
/** Half of the chat socket's documented inbound limit (20 frames/s, bursts of 60), so another tab fits beside. */
const CHAT_PACE = {perSecond: 10, burst: 20};
/** `typing: true` again while typing goes on, and at the earliest after a `typing: false`. */
const TYPING_REPEAT_MS = 3_000;
const TYPING_AGAIN_MS = 1_000;
/** A send written but unacknowledged this long is written again (same clientId, so stored once). */
const ACK_TIMEOUT_MS = 20_000;
const RESEND_CHECK_MS = 500;
const RETRYABLE_ERRORS = new Set(['RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'PEER_UNAVAILABLE']);
/** How often an e2ee send refused for a stale group (MLS_GROUP_STALE) is reconciled and encrypted again. */
const STALE_GROUP_RETRIES = 3;

export class Chat extends EventTarget {
  constructor(me) {
    super();
    this.me = me;
    this.conversations = new Map();   // id → conversation (REST shape, with unreadCount, lastSeq)
    this.messages = new Map();        // conversationId → Map(seq → message)
    this.olderCursor = new Map();     // conversationId → cursor for older history, null when all loaded
    this.receipts = new Map();        // conversationId → Map(userId → readSeq)
    this.typing = new Map();          // conversationId → Map(userId → expiry time)
    this.presence = new Map();        // userId → status
    this.pending = new Map();         // clientId → {frame, writtenAt}: sends without an ack yet (writtenAt null: waiting)
    this.typingSent = new Map();      // conversationId → {at, typing}: the last typing frame that went out
    this.openConversation = null;
    this.e2ee = null;                 // e2ee/engine.js, set by the app: encrypts and decrypts e2ee conversations
    this.socket = new ReconnectingSocket('/ws/chat', {pace: CHAT_PACE});
    this.socket.addEventListener('frame', event => this.#onFrame(event.detail));
    this.socket.addEventListener('state', event => this.#emit('connection', event.detail));
  }

  async start() {
    await this.loadConversations();
    this.socket.open();
    this.resendTimer = setInterval(() => this.#resendUnacknowledged(), RESEND_CHECK_MS);
  }

  stop() {
    clearInterval(this.resendTimer);
    this.socket.close();
  }

  #emit(what, detail = {}) {
    this.dispatchEvent(new CustomEvent('change', {detail: {what, ...detail}}));
  }

  async loadConversations() {
    let cursor = null;
    do {
      const page = await get(`/api/v1/conversations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      page.items.forEach(c => this.conversations.set(c.id, c));
      cursor = page.nextCursor;
    } while (cursor);
    await this.loadPresence();
    this.#emit('conversations');
  }

  async loadPresence() {
    const others = [...new Set([...this.conversations.values()]
      .flatMap(c => c.members.map(m => m.userId)).filter(id => id !== this.me.id))].slice(0, 200);
    if (others.length === 0) return;
    const answer = await get(`/api/v1/presence?userIds=${others.join(',')}`).catch(() => ({items: []}));
    answer.items.forEach(p => this.presence.set(p.userId, p.status));
  }

  sortedConversations() {
    return [...this.conversations.values()].sort((a, b) =>
      String(b.lastActivityAt ?? b.createdAt).localeCompare(String(a.lastActivityAt ?? a.createdAt)));
  }

  messagesOf(conversationId) {
    const held = this.messages.get(conversationId);
    return held ? [...held.values()].sort((a, b) => a.seq - b.seq) : [];
  }

  lastSeqHeld(conversationId) {
    const held = this.messages.get(conversationId);
    return held && held.size ? Math.max(...held.keys()) : 0;
  }

  /** Opens a conversation: its newest page of history, then marks it read. */
  async open(conversationId) {
    this.openConversation = conversationId;
    if (!this.messages.has(conversationId)) {
      const page = await get(`/api/v1/conversations/${conversationId}/messages?limit=50`);
      this.#store(page.items);
      this.olderCursor.set(conversationId, page.nextCursor);
    }
    this.#emit('messages', {conversationId});
    this.markRead(conversationId);
    await this.loadPresence();
    this.#emit('presence', {});
  }

  /** Infinite scroll: the page before the oldest one held. Answers false when there is nothing older. */
  async loadOlder(conversationId) {
    const cursor = this.olderCursor.get(conversationId);
    if (!cursor) return false;
    const page = await get(`/api/v1/conversations/${conversationId}/messages?limit=50&before=${cursor}`);
    this.#store(page.items);
    this.olderCursor.set(conversationId, page.nextCursor);
    this.#emit('messages', {conversationId, older: true});
    return true;
  }

  #store(messages) {
    for (const message of messages) {
      if (!this.messages.has(message.conversationId)) this.messages.set(message.conversationId, new Map());
      this.messages.get(message.conversationId).set(message.seq, message);
    }
  }

  markRead(conversationId) {
    const conversation = this.conversations.get(conversationId);
    const seq = Math.max(this.lastSeqHeld(conversationId), conversation?.lastSeq ?? 0);
    if (!conversation || seq === 0 || document.visibilityState === 'hidden') return;
    if (conversation.lastReadSeq >= seq && conversation.unreadCount === 0) return;
    conversation.lastReadSeq = seq;
    conversation.unreadCount = 0;
    this.socket.send({type: 'read', conversationId, seq}, {key: `read:${conversationId}`});
    this.#emit('conversations');
  }

  /** `@Name` of a member becomes `@<user id>`, the mention chat-service notifies; views show the name again. */
  async withMentions(conversationId, body) {
    if (!body.includes('@')) return body;
    const members = this.conversations.get(conversationId)?.members ?? [];
    const byName = new Map();
    for (const member of members.filter(m => m.userId !== this.me.id)) {
      byName.set(compact((await profile(member.userId)).displayName), member.userId);
    }
    return body.replace(/@([\p{L}\p{N}_.-]+)/gu, (mention, name) => byName.has(compact(name)) ? `@${byName.get(compact(name))}` : mention);
  }

  send(conversationId, body, {attachments, messageType} = {}) {
    const clientId = `web-${crypto.randomUUID()}`;
    const frame = {type: 'send', conversationId, clientId, body,
      ...(attachments ? {attachments, messageType: messageType ?? 'attachment'} : {})};
    this.pending.set(clientId, {frame, writtenAt: null});
    this.#write(clientId);
    this.#emit('pending', {conversationId});
    return clientId;
  }

  /**
   * An e2ee send: shown as "Sending…" at once, written once the engine has encrypted it. Resends write the same
   * ciphertext (same clientId, stored once); only a refusal for a stale group encrypts it again (#onError).
   * `attachments`: the ids of the encrypted files the content names, so that the members may download them.
   */
  sendEncrypted(conversationId, content, {attachments} = {}) {
    const clientId = `web-${crypto.randomUUID()}`;
    const entry = {frame: null, conversationId, content, attachments, writtenAt: null, staleRetries: 0};
    this.pending.set(clientId, entry);
    this.#emit('pending', {conversationId});
    this.#encryptAndWrite(clientId, entry);
    return clientId;
  }

  async #encryptAndWrite(clientId, entry) {
    try {
      const body = await this.e2ee.encrypt(entry.conversationId, clientId, entry.content);
      if (this.pending.get(clientId) !== entry) return;
      entry.frame = {type: 'send', conversationId: entry.conversationId, clientId, body, messageType: 'e2ee',
        ...(entry.attachments ? {attachments: entry.attachments} : {})};
      this.#write(clientId);
    } catch (e) {
      this.pending.delete(clientId);
      this.#emit('pending', {conversationId: entry.conversationId});
      this.#emit('error', {error: {code: 'E2EE', detail: e.message}, conversationId: entry.conversationId});
    }
  }

  /** Hands a pending send to the socket; written again with the same clientId it is still stored only once. */
  #write(clientId) {
    const pending = this.pending.get(clientId);
    if (!pending?.frame) return;
    pending.writtenAt = null;
    this.socket.send(pending.frame, {key: `send:${clientId}`, onWrite: () => { pending.writtenAt = Date.now(); }});
  }

  /** Sends that were written but waited for an ack far too long (lost with a socket that died quietly). */
  #resendUnacknowledged() {
    const now = Date.now();
    for (const [clientId, {writtenAt}] of this.pending) {
      // (an e2ee send still being encrypted has no writtenAt yet)
      if (writtenAt !== null && now - writtenAt > ACK_TIMEOUT_MS) this.#write(clientId);
    }
  }

  /** Sends still waiting for their ack: {clientId, body} (an e2ee one shows its plaintext; edits and votes none). */
  pendingOf(conversationId) {
    return [...this.pending.entries()]
      .filter(([, p]) => (p.frame?.conversationId ?? p.conversationId) === conversationId)
      .filter(([, p]) => !p.content || p.content.kind === 'text')
      .map(([clientId, p]) => ({clientId, body: p.content ? p.content.text : p.frame.body}));
  }

  edit(conversationId, messageId, body) {
    this.socket.send({type: 'edit', conversationId, messageId, body});
  }

  remove(conversationId, messageId) {
    this.socket.send({type: 'delete', conversationId, messageId});
  }

  react(conversationId, messageId, emoji, remove) {
    this.socket.send({type: 'react', conversationId, messageId, emoji, remove});
  }

  /**
   * Typing is a hint, so it gives way: `true` at most every few seconds, `false` only after a `true`, and either
   * is dropped rather than queued when the socket is busy with sends (a message clears the hint anyway).
   */
  setTyping(conversationId, typing) {
    const last = this.typingSent.get(conversationId);
    const since = last ? Date.now() - last.at : Infinity;
    if (typing && last?.typing && since < TYPING_REPEAT_MS) return;
    if (typing && last && !last.typing && since < TYPING_AGAIN_MS) return;
    if (!typing && !last?.typing) return;
    if (this.socket.send({type: 'typing', conversationId, typing}, {droppable: true})) {
      this.typingSent.set(conversationId, {at: Date.now(), typing});
    } else if (!typing) {
      this.typingSent.delete(conversationId);
    }
  }

  typingIn(conversationId) {
    const now = Date.now();
    return [...(this.typing.get(conversationId) ?? new Map()).entries()]
      .filter(([, until]) => until > now).map(([userId]) => userId);
  }

  readBy(conversationId) {
    return this.receipts.get(conversationId) ?? new Map();
  }

  async createDirect(userId, e2ee = false) {
    const conversation = await post('/api/v1/conversations', {type: 'direct', memberIds: [userId], ...(e2ee ? {e2ee} : {})});
    this.#upsert(conversation);
    return conversation;
  }

  async createGroup(name, memberIds, e2ee = false) {
    const conversation = await post('/api/v1/conversations', {type: 'group', name, memberIds, ...(e2ee ? {e2ee} : {})});
    this.#upsert(conversation);
    return conversation;
  }

  async addMembers(conversationId, userIds) {
    this.#upsert(await post(`/api/v1/conversations/${conversationId}/members`, {userIds}));
  }

  async removeMember(conversationId, userId) {
    await del(`/api/v1/conversations/${conversationId}/members/${userId}`);
    const conversation = this.conversations.get(conversationId);
    if (conversation) this.#upsert({...conversation, members: conversation.members.filter(m => m.userId !== userId)});
  }

  #upsert(conversation) {
    const known = this.conversations.get(conversation.id);
    this.conversations.set(conversation.id, {unreadCount: 0, lastReadSeq: 0, lastSeq: 0, ...known, ...conversation});
    this.#emit('conversations');
    // presence frames only come for people we already shared a conversation with
    if (conversation.members?.some(m => m.userId !== this.me.id && !this.presence.has(m.userId))) {
      this.loadPresence().then(() => this.#emit('presence', {})).catch(() => {});
    }
  }

  // ---- frames from the server ----

  #onFrame(frame) {
    switch (frame.type) {
      case 'ready': return this.#onReady();
      case 'ack': return this.#onAck(frame);
      case 'message': return this.#onMessage(frame.message);
      case 'message.edited': return this.#onMessage(frame.message, false);
      case 'message.deleted': return this.#onDeleted(frame);
      case 'reaction': return this.#onReaction(frame);
      case 'receipt': return this.#onReceipt(frame);
      case 'typing': return this.#onTyping(frame);
      case 'presence':
        this.presence.set(frame.userId, frame.status);
        return this.#emit('presence', {userId: frame.userId});
      case 'conversation.updated': return this.#onConversationUpdated(frame);
      case 'synced': return this.#onSynced(frame);
      case 'error': return this.#onError(frame);
      case 'mls.welcome':
      case 'keys.low':
      case 'keys.changed':
        return this.e2ee?.onFrame(frame);
      default:
        // call.incoming and other services' events
        return this.dispatchEvent(new CustomEvent('event', {detail: frame}));
    }
  }

  /**
   * RATE_LIMITED pauses the socket; like a send the server is too busy for, the refused send (named by ref) is
   * written again after retryAfterMs, with its clientId, so it is stored once. A refused typing or read frame is
   * not worth repeating. A send refused for good stops being pending and the error is shown.
   */
  #onError(frame) {
    if (frame.code === 'RATE_LIMITED') this.socket.slowDown(frame.retryAfterMs ?? 1_000);
    const pending = frame.ref && this.pending.get(frame.ref);
    if (pending && RETRYABLE_ERRORS.has(frame.code)) {
      setTimeout(() => this.#write(frame.ref), frame.retryAfterMs ?? 1000 + Math.random() * 1000);
      return;
    }
    if (frame.code === 'RATE_LIMITED') return;
    if (pending?.content && frame.code === 'MLS_GROUP_STALE' && pending.staleRetries++ < STALE_GROUP_RETRIES) {
      // not stored: a device in the group is gone. The engine reconciles before it encrypts, so the same plaintext
      // goes again, encrypted for the group as it is now (the refused ciphertext is dropped, never resent)
      pending.frame = null;
      this.#encryptAndWrite(frame.ref, pending);
      return;
    }
    if (pending) {
      this.pending.delete(frame.ref);
      this.#emit('pending', {conversationId: pending.frame.conversationId});
    }
    this.#emit('error', {error: frame, conversationId: pending?.frame.conversationId});
  }

  /** After every (re)connect: catch up on what was missed, then resend what was never acknowledged. */
  #onReady() {
    const after = {};
    for (const id of this.conversations.keys()) after[id] = this.lastSeqHeld(id) || (this.conversations.get(id).lastSeq ?? 0);
    this.socket.send({type: 'sync', after}, {key: 'sync', first: true});
    for (const clientId of this.pending.keys()) this.#write(clientId);
  }

  #onSynced(frame) {
    const again = {};
    for (const [id, seq] of Object.entries(frame.incomplete ?? {})) again[id] = seq;
    const unknown = Object.keys(frame.latest ?? {}).filter(id => !this.conversations.has(id));
    if (Object.keys(again).length) this.socket.send({type: 'sync', after: again});
    if (unknown.length) this.loadConversations().catch(() => {});
    this.#emit('synced');
    this.e2ee?.onSynced().catch(() => {});
    if (this.openConversation) this.markRead(this.openConversation);
  }

  #onAck(frame) {
    this.pending.delete(frame.clientId);
    this.#onMessage(frame.message);
  }

  #onMessage(message, isNew = true) {
    const held = this.messages.get(message.conversationId);
    const known = held?.has(message.seq);
    if (held || this.openConversation === message.conversationId) this.#store([message]);
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation) {
      this.loadConversations().catch(() => {});
      return;
    }
    this.e2ee?.onMessage(message);
    if (isNew && !known) {
      conversation.lastSeq = Math.max(conversation.lastSeq ?? 0, message.seq);
      conversation.lastActivityAt = message.createdAt;
      if (message.senderId !== this.me.id && this.openConversation !== message.conversationId
          && message.type !== 'mls_commit' && message.seq > (conversation.lastReadSeq ?? 0)) {
        conversation.unreadCount = (conversation.unreadCount ?? 0) + 1;
      }
      this.typing.get(message.conversationId)?.delete(message.senderId);
      if (message.senderId !== this.me.id && message.body?.includes(`@${this.me.id}`)) this.#emit('mentioned');
    }
    this.#emit('messages', {conversationId: message.conversationId, messageId: message.id});
    this.#emit('conversations');
    if (this.openConversation === message.conversationId && message.senderId !== this.me.id) {
      this.markRead(message.conversationId);
    }
  }

  #onDeleted(frame) {
    const message = this.messages.get(frame.conversationId)?.get(frame.seq);
    if (message) {
      Object.assign(message, {deleted: true, body: null, attachments: null, reactions: null});
      this.#emit('messages', {conversationId: frame.conversationId});
    }
  }

  #onReaction(frame) {
    const message = [...(this.messages.get(frame.conversationId)?.values() ?? [])].find(m => m.id === frame.messageId);
    if (!message) return;
    const reactions = message.reactions ?? [];
    let entry = reactions.find(r => r.emoji === frame.emoji);
    if (!entry) reactions.push(entry = {emoji: frame.emoji, userIds: []});
    entry.userIds = entry.userIds.filter(id => id !== frame.userId);
    if (frame.action === 'added') entry.userIds.push(frame.userId);
    message.reactions = reactions.filter(r => r.userIds.length);
    this.#emit('messages', {conversationId: frame.conversationId});
  }

  #onReceipt(frame) {
    if (!this.receipts.has(frame.conversationId)) this.receipts.set(frame.conversationId, new Map());
    const byUser = this.receipts.get(frame.conversationId);
    byUser.set(frame.userId, Math.max(byUser.get(frame.userId) ?? 0, frame.readSeq ?? 0));
    this.#emit('receipts', {conversationId: frame.conversationId});
  }

  #onTyping(frame) {
    if (frame.userId === this.me.id) return;
    if (!this.typing.has(frame.conversationId)) this.typing.set(frame.conversationId, new Map());
    const byUser = this.typing.get(frame.conversationId);
    if (frame.typing === false) byUser.delete(frame.userId);
    else byUser.set(frame.userId, Date.now() + TYPING_SHOWN_MS);
    this.#emit('typing', {conversationId: frame.conversationId});
    setTimeout(() => this.#emit('typing', {conversationId: frame.conversationId}), TYPING_SHOWN_MS + 50);
  }

  #onConversationUpdated(frame) {
    const conversation = frame.conversation;
    if (!conversation) return;
    this.e2ee?.onConversationUpdated(frame);
    const stillMember = conversation.members?.some(m => m.userId === this.me.id) ?? true;
    if (frame.change === 'deleted' || !stillMember) {
      this.conversations.delete(conversation.id);
      this.#emit('conversations');
      return;
    }
    this.#upsert(frame.conversation);
  }
}
