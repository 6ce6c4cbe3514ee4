// What travels inside an MLS application message (docs/e2ee.md, "Inside the application messages"), and how a
// conversation's decrypted messages fold into what it shows: an edit, a deletion, a reaction or a vote is a message
// of its own that changes an earlier one, which the server cannot do for us since it cannot read either.
//   {"kind":"text","text"}                       a message
//   {"kind":"edit","target","text"}              target: the id of the sender's own earlier text message
//   {"kind":"delete","target"}                   the sender's own earlier message
//   {"kind":"reaction","target","emoji","remove"}
//   {"kind":"poll","question","options":[...],"multipleChoice"}
//   {"kind":"vote","target","options":[indexes]} target: the poll message; a later vote replaces the earlier one
//   {"kind":"file","fileId","name","mime","size","key","iv","sha256"}   an encrypted file (files.js): key (32 bytes)
//                                       and iv (12) base64, sha256 hex of the plaintext; the message attaches fileId

import {fromBase64} from './bytes.js';

const MAX_TEXT = 4000;
const MAX_OPTIONS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const isText = (value, max = MAX_TEXT) => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Whether a value is base64 of exactly `length` bytes. */
function isBytes(value, length) {
  try {
    return fromBase64(value).length === length;
  } catch {
    return false;
  }
}

/** The plaintext as the JSON we accept, or null: a member's client could send anything, so nothing is trusted. */
export function parseContent(json) {
  let content;
  try {
    content = JSON.parse(json);
  } catch {
    return null;
  }
  if (!content || typeof content !== 'object') return null;
  const target = UUID.test(content.target ?? '');
  switch (content.kind) {
    case 'text': return isText(content.text) ? {kind: 'text', text: content.text} : null;
    case 'edit': return target && isText(content.text) ? {kind: 'edit', target: content.target, text: content.text} : null;
    case 'delete': return target ? {kind: 'delete', target: content.target} : null;
    case 'reaction':
      return target && isText(content.emoji, 16)
        ? {kind: 'reaction', target: content.target, emoji: content.emoji, remove: content.remove === true} : null;
    case 'poll': {
      const options = Array.isArray(content.options) ? content.options : [];
      if (!isText(content.question, 500) || options.length < 2 || options.length > MAX_OPTIONS
          || !options.every(o => isText(o, 200))) return null;
      return {kind: 'poll', question: content.question, options, multipleChoice: content.multipleChoice === true};
    }
    case 'vote': {
      const chosen = Array.isArray(content.options) ? content.options : [];
      if (!target || !chosen.every(i => Number.isInteger(i) && i >= 0 && i < MAX_OPTIONS)) return null;
      return {kind: 'vote', target: content.target, options: [...new Set(chosen)]};
    }
    case 'file': {
      const {fileId, name, size, mime, key, iv, sha256} = content;
      if (typeof fileId !== 'string' || !UUID.test(fileId) || !isText(name, 255) || !Number.isSafeInteger(size) || size < 0
          || !isBytes(key, 32) || !isBytes(iv, 12) || typeof sha256 !== 'string'
          || !SHA256_HEX.test(sha256)) return null;
      return {kind: 'file', fileId, name, size, mime: typeof mime === 'string' && mime.length <= 255 ? mime : '', key, iv,
        sha256};
    }
    default: return null;
  }
}

/**
 * Folds a conversation's records (by seq) into what each seq shows:
 *   {type: 'text', text, edited, deleted, reactions: [{emoji, userIds}]}, {type: 'poll', …, tally, myVotes},
 *   {type: 'file', …}, {type: 'change', changes}, {type: 'joined'}, {type: 'failed'}, {type: 'before'},
 *   or {type: 'hidden'} for the messages that only change another one.
 */
export function fold(records, myUserId) {
  const shown = new Map();
  const byId = new Map();
  for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
    if (record.status !== 'ok') {
      shown.set(record.seq, {type: record.status, changes: record.changes, first: record.first, reason: record.reason});
      continue;
    }
    const {content, senderId} = record;
    const target = content.target ? byId.get(content.target) : null;
    let item = {type: 'hidden'};
    if (content.kind === 'text') {
      item = {type: 'text', text: content.text, edited: false, deleted: false, reactions: new Map(), senderId};
    } else if (content.kind === 'poll') {
      item = {type: 'poll', question: content.question, options: content.options, multipleChoice: content.multipleChoice,
        votes: new Map(), reactions: new Map(), deleted: false, senderId};
    } else if (content.kind === 'file') {
      item = {type: 'file', name: content.name, size: content.size, file: content, reactions: new Map(), deleted: false,
        senderId};
    } else if (target && !target.deleted) {
      apply(content, senderId, target);
    }
    shown.set(record.seq, item);
    if (record.messageId && item.type !== 'hidden') byId.set(record.messageId, item);
  }
  for (const item of shown.values()) finish(item, myUserId);
  return shown;
}

function apply(content, senderId, target) {
  const ownTarget = target.senderId === senderId;
  if (content.kind === 'edit' && ownTarget && target.type === 'text') {
    target.text = content.text;
    target.edited = true;
  } else if (content.kind === 'delete' && ownTarget) {
    target.deleted = true;
  } else if (content.kind === 'reaction') {
    const users = target.reactions.get(content.emoji) ?? new Set();
    if (content.remove) users.delete(senderId);
    else users.add(senderId);
    target.reactions.set(content.emoji, users);
  } else if (content.kind === 'vote' && target.type === 'poll') {
    const valid = content.options.filter(i => i < target.options.length);
    target.votes.set(senderId, target.multipleChoice ? valid : valid.slice(0, 1));
  }
}

/** Reactions and tallies in the shape the views already use. */
function finish(item, myUserId) {
  if (item.reactions) {
    item.reactions = [...item.reactions.entries()].filter(([, users]) => users.size)
      .map(([emoji, users]) => ({emoji, userIds: [...users]}));
  }
  if (item.type === 'poll') {
    item.tally = item.options.map((_, i) => [...item.votes.values()].filter(chosen => chosen.includes(i)).length);
    item.myVotes = item.votes.get(myUserId) ?? [];
  }
}
