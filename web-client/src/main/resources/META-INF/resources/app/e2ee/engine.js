// End-to-end encryption of this browser (docs/e2ee.md): one MLS group per e2ee conversation, this device one leaf
// of each. chat-service only orders and delivers; everything that decides what a message says happens here.
//
// Each conversation's messages are applied strictly in seq order, handshake (`mls_commit`) and application (`e2ee`)
// alike, one conversation's work at a time (#serial), and after each one the group state, the position and what
// the message said are stored together: an MLS key is gone once used, so a message is decrypted exactly once, and
// the plaintext kept in this browser is what every later rendering shows.
import {
  createApplicationMessage, createCommit, createGroup, emptyPskIndex, joinGroup, mlsExporter, processMessage,
} from 'ts-mls';
import {get, post, del, ApiError} from '../api.js';
import {fromUtf8, toBase64, utf8, uuidBytes, equal} from './bytes.js';
import {CannotCheckYet, CredentialChecker} from './credentials.js';
import {openDevice, topUpKeyPackages, uploadKeyPackages} from './device.js';
import {
  clientConfig, decodeMessage, encodeMessage, encodePrivate, encodeWelcome, epochOf, exclusive, leavesOf, loadState,
  newKeyPackage, saveState, suite, withSigner,
} from './mls.js';
import {fold, parseContent} from './content.js';
import {safetyNumber} from './safety.js';
import {Store} from './store.js';

const PAGE = 200;
const RECONCILE_JITTER_MS = 1_500;   // spreads the members who all heard the same keys.changed
const COMMIT_ATTEMPTS = 4;
/** A pending device with no KeyPackage yet (it registers, then uploads) is tried again after these waits. */
const NO_PACKAGE_RETRIES_MS = [3_000, 10_000, 30_000, 120_000];
const CLAIM_BATCH = 500;   // devices one claim may name
export const REFUSED_TEXT = 'A change to this conversation’s encryption could not be verified and was refused.';

/** Proposals a commit may carry here (the DS allows the same): anything else is refused, not applied. */
const ALLOWED_PROPOSALS = new Set(['add', 'remove', 'update']);
const commitPolicy = incoming =>
  incoming.kind === 'commit' && incoming.proposals.every(p => ALLOWED_PROPOSALS.has(p.proposal.proposalType))
    ? 'accept' : 'reject';

class Refused extends Error {}

export class E2ee extends EventTarget {
  constructor(me, chat) {
    super();
    this.me = me;
    this.chat = chat;
    this.checker = new CredentialChecker();
    this.config = clientConfig(this.checker.authenticationService);
    this.groups = new Map();     // conversationId → group (what #save stores, with the state decoded)
    this.views = new Map();      // conversationId → {records: Map seq → record, shown: Map seq → item}
    this.queues = new Map();     // conversationId → tail of its serial work
    this.unavailable = null;     // why this tab does no end-to-end encryption, if it does none
    this.startAttempts = 0;
    this.#begin();
  }

  /** Starts; after a failure that may pass (the network, a service restarting) tries again a while later. */
  #begin() {
    this.ready = this.#start();
    this.ready.then(() => {
      this.unavailable = null;
      this.#emit();
    }, e => {
      console.warn('e2ee start failed', e);
      if (!this.lockedOut) this.unavailable = `End-to-end encryption is not available in this tab yet: ${e.message}`;
      this.#emit();
      if (this.lockedOut || this.stopped) return;
      this.retryTimer = setTimeout(() => this.#begin(), Math.min(300_000, 5_000 * 2 ** this.startAttempts++));
    });
  }

  // ---- start, stop, forget ----

  async #start() {
    if (!globalThis.isSecureContext || !crypto.subtle) throw new Error('the page is not a secure context');
    if (!this.releaseLock) await this.#holdTabLock();
    this.store ??= await Store.open(this.me.id);
    this.device = await openDevice(this.store);
    for (const [conversationId, kept] of await this.store.entries('groups')) {
      this.groups.set(conversationId, {...kept, state: kept.state ? loadState(kept.state, this.config) : null});
    }
    this.#emit();
    topUpKeyPackages(this.store, this.device).catch(e => console.warn('KeyPackages not topped up', e));
    await this.#joinWaitingWelcomes();
    for (const conversationId of this.groups.keys()) this.#serial(conversationId, () => this.#catchUp(conversationId));
  }

  /**
   * One tab per user and browser runs the encryption: two tabs using the same leaf would each advance its keys
   * and corrupt the other's state. The lock goes with the tab.
   */
  #holdTabLock() {
    if (!navigator.locks) return Promise.resolve();
    return new Promise((resolve, reject) => {
      navigator.locks.request(`sc-e2ee-${this.me.id}`, {ifAvailable: true}, lock => {
        if (!lock) {
          this.lockedOut = true;
          this.unavailable = 'End-to-end encrypted conversations are open in another tab of this browser; use that tab.';
          reject(new Error('locked by another tab'));
          return undefined;
        }
        resolve();
        return new Promise(release => { this.releaseLock = release; });
      }).catch(reject);
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.store?.close();
    this.releaseLock?.();
  }

  /** Sign-out: the server drops the device with the session, so everything kept for it goes too. */
  static forget(userId) {
    return Store.destroy(userId);
  }

  // ---- what views ask ----

  isE2ee(conversationId) {
    return Boolean(this.chat.conversations.get(conversationId)?.e2ee);
  }

  /** {unavailable, joined, joinedAt, hasEarlier, refused, removed, settingUp, error} of one conversation. */
  status(conversationId) {
    const group = this.groups.get(conversationId);
    return {
      unavailable: this.unavailable,
      joined: Boolean(group?.state),
      joinedAt: group?.joinedAt ?? null,
      joinedSeq: group?.joinedSeq ?? 0,
      hasEarlier: Boolean(group?.earlier),
      refused: group?.refused ?? null,
      removed: Boolean(group?.removed),
      error: group?.error ?? null,
      settingUp: Boolean(group?.settingUp),
    };
  }

  /** What a message of an e2ee conversation shows (see content.fold), or undefined while it is not decrypted yet. */
  display(conversationId, message) {
    return this.views.get(conversationId)?.shown.get(message.seq);
  }

  /** Loads what this device decrypted of a conversation, once, before it is shown. */
  async load(conversationId) {
    await this.ready;
    if (this.views.has(conversationId)) return;
    const records = new Map((await this.store.plaintextsOf(conversationId)).map(r => [r.seq, r]));
    this.views.set(conversationId, {records, shown: fold(records.values(), this.me.id)});
    this.#emit(conversationId);
  }

  /** The devices in the group, by user, as their verified credentials name them. */
  devicesByUser(conversationId) {
    const byUser = new Map();
    for (const leaf of this.groups.get(conversationId)?.leaves ?? []) {
      if (!byUser.has(leaf.userId)) byUser.set(leaf.userId, []);
      byUser.get(leaf.userId).push(leaf);
    }
    return byUser;
  }

  async safetyNumberWith(conversationId, userId) {
    const byUser = this.devicesByUser(conversationId);
    const keys = id => (byUser.get(id) ?? []).map(leaf => Uint8Array.from(atob(leaf.signatureKey), c => c.charCodeAt(0)));
    return safetyNumber({userId: this.me.id, signatureKeys: keys(this.me.id)}, {userId, signatureKeys: keys(userId)});
  }

  async verifiedNumber(userId) {
    await this.ready;
    return this.store.get('verified', userId);
  }

  async markVerified(userId, number) {
    await this.store.put('verified', userId, number);
    this.#emit();
  }

  /**
   * A secret of the conversation's current epoch from the MLS exporter (RFC 9420 §8.5), with the epoch, this
   * device's leaf and the tree's width: what call/media-encryption.js keys SFrame with.
   */
  async exportSecret(conversationId, label, context, length) {
    await this.ready;
    const state = this.groups.get(conversationId)?.state;
    if (!state) throw new Error('This device is not in the conversation’s encryption group.');
    const secret = await mlsExporter(state.keySchedule.exporterSecret, label, context, length, await suite());
    const leafCount = Math.floor((state.ratchetTree.length + 1) / 2);   // the tree's width in leaves, blank ones included
    return {epoch: state.groupContext.epoch, leafIndex: state.privatePath.leafIndex, leafCount, secret};
  }

  // ---- sending ----

  /**
   * Encrypts one plaintext for the conversation, after reconciling the group (the devices that joined are added,
   * the ones that went are removed), and keeps the plaintext by clientId: the sender cannot decrypt its own
   * message, so that is how it shows here. A resend of the same clientId sends this same ciphertext again.
   */
  async encrypt(conversationId, clientId, content) {
    await this.ready;
    return this.#serial(conversationId, async () => {
      await this.#ensureGroup(conversationId);
      const group = this.groups.get(conversationId);
      if (!group?.state) throw new Error('This device is not in the conversation’s encryption group yet.');
      if (group.refused) throw new Error(REFUSED_TEXT);
      const made = await exclusive(async () =>
        createApplicationMessage(group.state, utf8(JSON.stringify(content)), await suite()));
      group.state = made.newState;
      await this.#save(conversationId, null, [['outgoing', clientId, {conversationId, content}]]);
      return encodePrivate(made.privateMessage);
    });
  }

  /** After creating an e2ee conversation: the group, with every device of every member. */
  async setUp(conversationId) {
    await this.ready;
    return this.#serial(conversationId, () => this.#ensureGroup(conversationId));
  }

  /** The group changed on the server's side (a member came or went, a device was added or removed). */
  reconcileSoon(conversationId) {
    if (!this.groups.get(conversationId)?.state) return;
    setTimeout(() => {
      this.#serial(conversationId, () => this.#ensureGroup(conversationId))
        .catch(e => console.warn('reconcile failed', conversationId, e));
    }, Math.random() * RECONCILE_JITTER_MS);
  }

  // ---- what chat.js hands over ----

  onMessage(message) {
    if (!this.isE2ee(message.conversationId) || this.stopped) return;
    const id = message.conversationId;
    // ready first, then the queue: start-up itself queues work (joining from Welcomes) that must not wait behind this
    this.ready.then(() => this.#serial(id, async () => {
      const group = this.groups.get(id);
      if (!group?.state || group.refused || message.seq <= group.appliedSeq) return;
      if (message.seq === group.appliedSeq + 1) await this.#apply(id, message);
      else await this.#catchUp(id);   // a gap: what lies between comes first
    })).catch(e => console.warn('e2ee message not applied', e));
  }

  onFrame(frame) {
    if (this.stopped) return;
    if (frame.type === 'mls.welcome') {
      this.ready.then(() => {
        if (frame.deviceId === this.device.deviceId) return this.#join(frame);
        return undefined;
      }).catch(e => console.warn('welcome not processed', e));
    } else if (frame.type === 'keys.low') {
      this.ready.then(() => {
        if (frame.deviceId === this.device.deviceId) return uploadKeyPackages(this.store, this.device, 30, false);
        return undefined;
      }).catch(e => console.warn('KeyPackages not uploaded', e));
    } else if (frame.type === 'keys.changed') {
      for (const conversation of this.chat.conversations.values()) {
        if (conversation.e2ee && conversation.members?.some(m => m.userId === frame.userId)) this.reconcileSoon(conversation.id);
      }
    }
  }

  onConversationUpdated(frame) {
    const conversation = frame.conversation;
    if (!conversation?.e2ee) return;
    const stillMember = conversation.members?.some(m => m.userId === this.me.id) ?? true;
    if (frame.change === 'deleted' || !stillMember) {
      this.ready.then(() => this.#serial(conversation.id, () => this.#leave(conversation.id))).catch(() => {});
    } else if (frame.change?.startsWith('member.')) {
      this.reconcileSoon(conversation.id);
    }
  }

  /** After every sync: anything the socket did not bring, and the Welcomes that came while no socket was open. */
  async onSynced() {
    await this.ready;
    await this.#joinWaitingWelcomes();
    for (const id of this.groups.keys()) this.#serial(id, () => this.#catchUp(id)).catch(() => {});
  }

  // ---- the group's life ----

  #serial(conversationId, work) {
    const run = (this.queues.get(conversationId) ?? Promise.resolve()).then(work, work);
    this.queues.set(conversationId, run.catch(() => {}));
    return run;
  }

  /**
   * Makes the group match the conversation: creates it when nobody has (epoch 0 on the server), otherwise adds
   * the pending devices and removes the stale leaves in one commit. A commit for an epoch that moved on is refused
   * by the server (STALE_EPOCH): we catch up and try again.
   */
  async #ensureGroup(conversationId) {
    for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
      let group = this.groups.get(conversationId);
      if (group?.refused && group.state) throw new Error(REFUSED_TEXT);
      if (group?.state) await this.#catchUp(conversationId);
      const view = await get(`/api/v1/conversations/${conversationId}/mls`);
      group = this.groups.get(conversationId);
      if (!group?.state) {
        if (view.epoch !== 0) return;   // a group exists: a member's device adds us, then the Welcome comes
        group = await this.#newGroup(conversationId);
      }
      if (BigInt(view.epoch) !== group.state.groupContext.epoch) {
        if (view.epoch > 0 && group.state.groupContext.epoch === 0n) return this.#dropUnsent(conversationId);
        continue; // a commit we have not applied yet
      }
      const {proposals, missing} = await this.#proposals(conversationId, group, view);
      this.#retryMissing(conversationId, missing);
      // the first commit goes even with nobody to add yet: it is what creates the group on the server
      if (!proposals.length && group.state.groupContext.epoch !== 0n) return;
      const made = await exclusive(async () => createCommit({state: group.state, cipherSuite: await suite()},
        {extraProposals: proposals, wireAsPublicMessage: true, ratchetTreeExtension: true}));
      let accepted;
      try {
        accepted = await post(`/api/v1/conversations/${conversationId}/mls/commits`, {
          deviceId: this.device.deviceId,
          commit: encodeMessage(made.commit),
          ...(made.welcome ? {welcome: encodeWelcome(made.welcome)} : {}),
        });
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'STALE_EPOCH') throw e;
        if (group.state.groupContext.epoch === 0n) return this.#dropUnsent(conversationId);
        continue;
      }
      const before = group.leaves;
      group.state = made.newState;
      group.leaves = await this.#identifiedLeaves(made.newState);
      group.settingUp = false;
      const change = this.#change(conversationId, accepted.message, before, group.leaves);
      await this.#save(conversationId, change);
      return;
    }
    throw new Error('The encryption group kept changing; try again.');
  }

  async #newGroup(conversationId) {
    const own = await newKeyPackage(this.device.credential, this.device.signatureKeyPair);
    const state = await exclusive(async () =>
      createGroup(uuidBytes(conversationId), own.publicPackage, own.privatePackage, [], await suite(), this.config));
    const group = {state, appliedSeq: 0, joinedSeq: 0, joinedEpoch: 0n, joinedAt: Date.now(), refused: null,
      settingUp: true, leaves: await this.#identifiedLeaves(state)};
    this.groups.set(conversationId, group);
    this.#emit(conversationId);
    return group; // kept in memory only until the server accepts its first commit
  }

  /** Another device created the group first: ours was never accepted, so it goes; that device adds us. */
  #dropUnsent(conversationId) {
    this.groups.delete(conversationId);
    this.#emit(conversationId);
  }

  /**
   * Adds for the pending devices (with claimed KeyPackages that verify) and removes for the stale leaves; `missing`:
   * pending devices that got no package (a device registers before it uploads its packages).
   */
  async #proposals(conversationId, group, view) {
    const proposals = [];
    let added = 0;
    for (const stale of view.staleLeaves ?? []) {
      const leaf = group.leaves.find(l => l.leafIndex === stale.leafIndex);
      // the server may only make us remove the leaf it names: same user and device in our own tree
      if (leaf && leaf.userId === stale.userId && leaf.deviceId === stale.deviceId) {
        proposals.push({proposalType: 'remove', remove: {removed: stale.leafIndex}});
      } else {
        console.warn('stale leaf does not match the group', stale);
      }
    }
    const pending = (view.pendingDevices ?? [])
      .filter(d => !(d.userId === this.me.id && d.deviceId === this.device.deviceId));
    if (pending.length) {
      // exactly the pending devices: claiming for every device of their users would spend others' packages
      const offers = [];
      for (let i = 0; i < pending.length; i += CLAIM_BATCH) {
        const claimed = await post('/api/v1/keys/key-packages/claim', {conversationId,
          devices: pending.slice(i, i + CLAIM_BATCH).map(({userId, deviceId}) => ({userId, deviceId})),
          deviceId: this.device.deviceId});
        offers.push(...(claimed.keyPackages ?? []));
      }
      // only devices of people this device knows to be members (a member just added is tried again shortly)
      const members = new Set(this.chat.conversations.get(conversationId)?.members?.map(m => m.userId) ?? []);
      for (const offered of offers) {
        if (!pending.some(d => d.userId === offered.userId && d.deviceId === offered.deviceId)) continue;
        if (!members.has(offered.userId)) continue;
        const keyPackage = await this.#checkedKeyPackage(offered);
        if (keyPackage) {
          proposals.push({proposalType: 'add', add: {keyPackage}});
          added += 1;
        }
      }
    }
    return {proposals, missing: pending.length - added};
  }

  #retryMissing(conversationId, missing) {
    const group = this.groups.get(conversationId);
    if (!group) return;
    if (!missing) {
      group.missingRetries = 0;
      return;
    }
    const wait = NO_PACKAGE_RETRIES_MS[group.missingRetries ?? 0];
    if (wait === undefined || group.missingTimer) return;
    group.missingRetries = (group.missingRetries ?? 0) + 1;
    group.missingTimer = setTimeout(() => {
      group.missingTimer = null;
      this.reconcileSoon(conversationId);
    }, wait);
  }

  /** A claimed KeyPackage, only if its credential verifies and names the user and device it was claimed for. */
  async #checkedKeyPackage(offered) {
    try {
      const message = decodeMessage(offered.keyPackage);
      if (message.wireformat !== 'mls_key_package') return null;
      const leaf = message.keyPackage.leafNode;
      const identity = await this.checker.identify(leaf.credential, leaf.signaturePublicKey);
      if (identity?.userId === offered.userId && identity.deviceId === offered.deviceId) return message.keyPackage;
    } catch (e) {
      console.warn('claimed KeyPackage refused', e);
    }
    return null;
  }

  /** Applies everything after the last applied seq, page by page, in order. */
  async #catchUp(conversationId) {
    let group = this.groups.get(conversationId);
    while (group?.state && !group.refused && !this.stopped) {
      const page = await get(`/api/v1/conversations/${conversationId}/messages?after=${group.appliedSeq}&limit=${PAGE}`);
      for (const message of page.items) {
        if (message.seq <= group.appliedSeq) continue;
        if (!await this.#apply(conversationId, message)) return;
      }
      if (!page.nextCursor || page.items.length === 0) return;
      group = this.groups.get(conversationId);
    }
  }

  /** Applies one message (the next by seq); answers false when the group stops here (a refused change). */
  async #apply(conversationId, message) {
    const group = this.groups.get(conversationId);
    let record = null;
    let extra = [];
    if (message.deleted) {
      record = null;
    } else if (message.type === 'mls_commit') {
      try {
        record = await this.#applyCommit(conversationId, group, message);
      } catch (e) {
        if (e instanceof CannotCheckYet) throw e;   // not applied, not refused: the next sync tries again
        console.warn('commit refused', message.seq, e);
        group.refused = {seq: message.seq, at: Date.now(), reason: String(e.message ?? e)};
        group.appliedSeq = message.seq;
        await this.#save(conversationId, {conversationId, seq: message.seq, status: 'refused'});
        return false;
      }
    } else if (message.type === 'e2ee') {
      [record, extra] = await this.#applyApplication(conversationId, group, message);
    }
    group.appliedSeq = message.seq;
    await this.#save(conversationId, record, extra);
    return true;
  }

  async #applyCommit(conversationId, group, message) {
    const decoded = decodeMessage(message.body);
    if (decoded.wireformat !== 'mls_public_message') throw new Refused('a commit must be a PublicMessage');
    const epoch = epochOf(decoded);
    if (epoch < group.state.groupContext.epoch) return null;   // ours (applied when accepted), or before we joined
    if (epoch > group.state.groupContext.epoch) throw new Refused('a commit for an epoch this device never reached');
    const result = await exclusive(async () =>
      processMessage(decoded, group.state, emptyPskIndex, commitPolicy, await suite()));
    if (result.actionTaken !== 'accept') throw new Refused('the commit carries proposals this client does not accept');
    const leaves = await this.#identifiedLeaves(result.newState);
    const before = group.leaves;
    if (result.newState.groupActiveState?.kind === 'removedFromGroup') {
      group.state = null;
      group.removed = true;
    } else {
      group.state = result.newState;
    }
    group.leaves = leaves;
    return this.#change(conversationId, message, before, leaves);
  }

  /** Decrypts an application message; [record, extra writes]. A failure shows on that message only. */
  async #applyApplication(conversationId, group, message) {
    const base = {conversationId, seq: message.seq, messageId: message.id, senderId: message.senderId};
    if (message.senderId === this.me.id && message.clientId) {
      const sent = await this.store.get('outgoing', message.clientId);
      if (sent?.conversationId === conversationId) {
        return [{...base, status: 'ok', content: sent.content}, [['outgoing', message.clientId, undefined]]];
      }
    }
    try {
      const decoded = decodeMessage(message.body);
      if (decoded.wireformat !== 'mls_private_message') throw new Error('not a PrivateMessage');
      if (epochOf(decoded) < group.joinedEpoch) return [{...base, status: 'before'}, []];
      const {result, signers} = await exclusive(() => withSigner(async () =>
        processMessage(decoded, group.state, emptyPskIndex, commitPolicy, await suite())));
      if (result.kind !== 'applicationMessage') throw new Error('not an application message');
      group.state = result.newState;
      const sender = signers.length === 1 ? this.#identityOfKey(group, signers[0]) : null;
      // the server says who sent it; the MLS signature says who really did: they must agree
      if (!sender || sender.userId !== message.senderId) throw new Error('the sender does not match the signature');
      const content = parseContent(fromUtf8(result.message));
      if (!content) throw new Error('unreadable content');
      return [{...base, status: 'ok', content, deviceId: sender.deviceId}, []];
    } catch (e) {
      console.warn('message not decrypted', message.seq, e);
      return [{...base, status: 'failed', reason: String(e.message ?? e)}, []];
    }
  }

  #identityOfKey(group, signatureKey) {
    const leaf = group.leaves.find(l => l.signatureKey === toBase64(signatureKey));
    return leaf ?? this.checker.identityOfKey(signatureKey);
  }

  /** Joins from a Welcome (frame or fetched); a Welcome that does not verify is refused and the conversation says so. */
  async #join(welcome) {
    const conversationId = welcome.conversationId;
    await this.#serial(conversationId, async () => {
      const existing = this.groups.get(conversationId);
      if (existing?.state && existing.state.groupContext.epoch >= BigInt(welcome.epoch)) {
        return this.#welcomeDone(welcome);
      }
      let joined;
      try {
        joined = await this.#joinWith(conversationId, welcome);
      } catch (e) {
        if (e instanceof CannotCheckYet) throw e;   // the Welcome stays on the server for the next sync
        console.warn('welcome refused', e);
        this.groups.set(conversationId, {state: null, appliedSeq: 0, joinedSeq: 0, leaves: [],
          refused: {at: Date.now(), reason: String(e.message ?? e), welcome: true}});
        await this.#save(conversationId, null);
        if (!this.chat.conversations.has(conversationId)) this.chat.loadConversations().catch(() => {});
        return undefined;
      }
      const {state, keyPackage} = joined;
      const {seq: joinedSeq, earlier} = await this.#seqOfJoin(conversationId, state.groupContext.epoch);
      const group = {state, appliedSeq: joinedSeq, joinedSeq, joinedEpoch: state.groupContext.epoch, joinedAt: Date.now(),
        earlier, refused: null, leaves: await this.#identifiedLeaves(state)};
      this.groups.set(conversationId, group);
      await this.#save(conversationId, null, keyPackage.lastResort ? [] : [['keyPackages', keyPackage.id, undefined]]);
      await this.#welcomeDone(welcome);
      if (!this.chat.conversations.has(conversationId)) await this.chat.loadConversations().catch(() => {});
      await this.#catchUp(conversationId);
      return undefined;
    });
  }

  async #joinWith(conversationId, welcome) {
    const decoded = decodeMessage(welcome.welcome);
    if (decoded.wireformat !== 'mls_welcome') throw new Refused('not a Welcome');
    // the Welcome names the KeyPackage it is for by reference; trying ours in turn finds it (ts-mls says "No
    // matching secret" for the others), and any other failure is the Welcome's
    for (const keyPackage of await this.store.getAll('keyPackages')) {
      let state;
      try {
        state = await exclusive(async () => joinGroup(decoded.welcome, keyPackage.publicPackage, keyPackage.privatePackage,
          emptyPskIndex, await suite(), undefined, undefined, this.config));
      } catch (e) {
        if (/No matching secret/i.test(e.message)) continue;
        throw e;
      }
      if (!equal(state.groupContext.groupId, uuidBytes(conversationId))) throw new Refused('the Welcome is for another group');
      return {state, keyPackage};
    }
    throw new Refused('the Welcome is for none of this device’s KeyPackages');
  }

  async #welcomeDone(welcome) {
    await del(`/api/v1/keys/devices/${encodeURIComponent(this.device.deviceId)}/welcomes/${welcome.welcomeId}`)
      .catch(e => console.warn('welcome not deleted', e));
  }

  async #joinWaitingWelcomes() {
    const waiting = await get(`/api/v1/keys/devices/${encodeURIComponent(this.device.deviceId)}/welcomes`);
    for (const welcome of waiting.welcomes ?? []) {
      if (this.groups.get(welcome.conversationId)?.refused) continue; // refused once, refused for good
      await this.#join(welcome).catch(e => console.warn('welcome not processed', e));
    }
  }

  /**
   * The seq of the commit that added this device (the one made in the epoch before the Welcome's): messages up to
   * it were sent before this device could read them (`earlier`: whether there are any, or may be). Found by paging
   * back from the newest.
   */
  async #seqOfJoin(conversationId, epoch) {
    let before = null;
    for (;;) {
      const page = await get(`/api/v1/conversations/${conversationId}/messages?limit=${PAGE}${before ? `&before=${before}` : ''}`);
      const newestFirst = [...page.items].sort((a, b) => b.seq - a.seq);
      for (const message of newestFirst) {
        if (message.type !== 'mls_commit' || message.deleted) continue;
        try {
          if (epochOf(decodeMessage(message.body)) <= epoch - 1n) {
            const earlier = page.items.some(m => m.type === 'e2ee' && m.seq < message.seq) || Boolean(page.nextCursor);
            return {seq: message.seq, earlier};
          }
        } catch {
          // not ours to judge here: catching up will refuse it if it matters
        }
      }
      if (!page.nextCursor || page.items.length === 0) return {seq: 0, earlier: false};
      before = page.nextCursor;
    }
  }

  /** This user left the conversation (or it was deleted): the group's secrets go, what was read stays. */
  async #leave(conversationId) {
    const group = this.groups.get(conversationId);
    if (!group) return;
    this.groups.delete(conversationId);
    await this.store.write([['groups', conversationId, undefined]]);
    this.#emit(conversationId);
  }

  // ---- leaves and changes ----

  /** Every leaf with the user and device its (verified) credential names; throws if one does not verify. */
  async #identifiedLeaves(state) {
    const leaves = [];
    for (const leaf of leavesOf(state)) {
      const identity = await this.checker.identify(leaf.credential, leaf.signatureKey);
      if (!identity) throw new Refused(`leaf ${leaf.leafIndex} has no valid credential`);
      leaves.push({leafIndex: leaf.leafIndex, ...identity, signatureKey: toBase64(leaf.signatureKey)});
    }
    return leaves;
  }

  /** A line for the conversation when a commit changed someone's devices (the safety number changes with them). */
  #change(conversationId, message, before, after) {
    const key = leaf => `${leaf.userId}/${leaf.deviceId}/${leaf.signatureKey}`;
    const had = new Set((before ?? []).map(key));
    const has = new Set(after.map(key));
    const changes = new Map();
    const count = (userId, what) => {
      if (!changes.has(userId)) changes.set(userId, {userId, added: 0, removed: 0});
      changes.get(userId)[what] += 1;
    };
    after.filter(l => !had.has(key(l))).forEach(l => count(l.userId, 'added'));
    (before ?? []).filter(l => !has.has(key(l))).forEach(l => count(l.userId, 'removed'));
    if (!message?.seq) return null;
    return {conversationId, seq: message.seq, messageId: message.id, senderId: message.senderId, status: 'change',
      changes: [...changes.values()], first: (before ?? []).length <= 1};
  }

  // ---- storage ----

  /** The group (state, position) with the record the last step produced, in one transaction; then the view. */
  async #save(conversationId, record, extra = []) {
    const group = this.groups.get(conversationId);
    const writes = [...extra];
    if (group) {
      writes.push(['groups', conversationId, {
        state: group.state ? saveState(group.state) : null, appliedSeq: group.appliedSeq, joinedSeq: group.joinedSeq,
        joinedEpoch: group.joinedEpoch, joinedAt: group.joinedAt, earlier: group.earlier, refused: group.refused,
        removed: group.removed,
        leaves: group.leaves,
      }]);
    }
    if (record) writes.push(['plaintexts', null, record]);
    if (writes.length) await this.store.write(writes);
    const view = this.views.get(conversationId);
    if (view && record) {
      view.records.set(record.seq, record);
      view.shown = fold(view.records.values(), this.me.id);
    }
    this.#emit(conversationId);
  }

  #emit(conversationId) {
    this.dispatchEvent(new CustomEvent('change', {detail: {conversationId}}));
  }
}
