// What an end-to-end encrypted conversation shows besides its messages: the label, the notices (history starts
// when this device joined; waiting to be added; a refused change), the lines for changed devices, encrypted polls,
// and the verification panel with a safety number per member.
import {h, replace} from '../dom.js';
import {profile} from '../people.js';
import {REFUSED_TEXT} from '../e2ee/engine.js';

export function encryptionLabel(onVerify) {
  const button = h('button', {type: 'button', class: 'link', 'aria-expanded': 'false', onclick: () => onVerify(button)},
    'Verify');
  return h('span', {class: 'e2ee-label', 'data-testid': 'e2ee-label'}, '🔒 End-to-end encrypted · ', button);
}

/** The notices above the messages, from the engine's status of the conversation. */
export function encryptionNotices(status) {
  const notices = [];
  if (status.unavailable) {
    notices.push(h('p', {class: 'notice error', role: 'alert'}, status.unavailable));
  } else if (status.refused) {
    notices.push(h('p', {class: 'notice error', role: 'alert', 'data-testid': 'e2ee-refused'}, REFUSED_TEXT,
      status.joined ? ' Newer messages cannot be read on this device.' : ' This device cannot read this conversation.'));
  } else if (status.removed) {
    notices.push(h('p', {class: 'notice', 'data-testid': 'e2ee-removed'},
      'This device was removed from the encryption group: it cannot read what is sent here from now on.'));
  } else if (!status.joined) {
    notices.push(h('p', {class: 'notice', 'data-testid': 'e2ee-waiting'}, status.settingUp
      ? 'Setting up encryption…'
      : 'This device is not in the encryption group yet: a member’s device adds it when it is online. Until then '
        + 'nothing can be read or sent here.'));
  }
  if (status.joined) {
    notices.push(h('p', {class: 'notice history', 'data-testid': 'e2ee-history'},
      `This device reads the messages sent since it joined${status.joinedAt ? ` (${new Date(status.joinedAt).toLocaleString()})` : ''}. `,
      status.hasEarlier ? 'Earlier messages were encrypted for the devices that were here then and are not shown.' : ''));
  }
  if (status.error) notices.push(h('p', {class: 'notice error', role: 'alert'}, status.error));
  return notices;
}

/** A line where a commit changed someone's devices (their safety number changes with them). */
export async function changeLine(li, item) {
  li.classList.add('system', 'e2ee-change');
  if (item.type === 'refused') {
    return replace(li, h('p', {class: 'error', role: 'alert'}, REFUSED_TEXT));
  }
  if (item.first) {
    const names = await Promise.all((item.changes ?? []).map(async c => (await profile(c.userId)).displayName));
    return replace(li, h('p', {class: 'meta', 'data-testid': 'key-change'},
      `🔒 End-to-end encryption is set up${names.length ? ` with the devices of ${names.join(', ')}` : ''}. `
      + 'Compare safety numbers with Verify.'));
  }
  const lines = [];
  for (const change of item.changes ?? []) {
    const name = (await profile(change.userId)).displayName;
    if (change.added) lines.push(`${name}: ${change.added === 1 ? 'a device was' : `${change.added} devices were`} added`);
    if (change.removed) lines.push(`${name}: ${change.removed === 1 ? 'a device was' : `${change.removed} devices were`} removed`);
  }
  if (!lines.length) lines.push('Encryption keys were updated');
  return replace(li, h('p', {class: 'meta', 'data-testid': 'key-change'},
    `🔒 ${lines.join('; ')}. Safety numbers of those members changed: verify them again.`));
}

/** An encrypted poll: the tally is counted from the (encrypted) votes every device decrypted. */
export function encryptedPoll(item, onVote) {
  const total = item.tally.reduce((sum, n) => sum + n, 0);
  const mine = new Set(item.myVotes);
  return h('div', {class: 'poll'},
    h('p', {class: 'question'}, item.question),
    h('ul', {class: 'options'}, item.options.map((text, i) => h('li', {},
      h('button', {type: 'button', 'aria-pressed': String(mine.has(i)), onclick: () => {
        const chosen = new Set(mine);
        if (item.multipleChoice) {
          if (chosen.has(i)) chosen.delete(i);
          else chosen.add(i);
        }
        onVote(item.multipleChoice ? [...chosen] : [i]);
      }}, text),
      h('span', {class: 'votes'}, `${item.tally[i]} vote${item.tally[i] === 1 ? '' : 's'}`),
      h('meter', {min: 0, max: Math.max(1, total), value: item.tally[i], 'aria-hidden': 'true'})))),
    h('p', {class: 'meta'}, item.multipleChoice ? 'Choose one or more' : 'Choose one'));
}

/**
 * Verification: each member's devices in the group (as their credentials say) and the safety number to compare
 * with them, out loud or in person. Marking it verified keeps the number here; a later change shows.
 */
export async function verificationPanel(e2ee, conversationId, me) {
  const byUser = e2ee.devicesByUser(conversationId);
  const sections = [];
  for (const [userId, devices] of [...byUser.entries()].sort(([a], [b]) => (a === me.id) - (b === me.id))) {
    const name = userId === me.id ? 'You' : (await profile(userId)).displayName;
    const list = h('ul', {class: 'devices'}, devices.map(d => h('li', {},
      `Device ${d.deviceId.slice(0, 8)}…`, d.userId === me.id && d.deviceId === e2ee.device?.deviceId ? ' (this one)' : '',
      h('code', {class: 'key'}, ` ${d.signatureKey.slice(0, 16)}…`))));
    if (userId === me.id) {
      sections.push(h('section', {class: 'member'}, h('h3', {}, 'Your devices in this conversation'), list));
      continue;
    }
    const number = await e2ee.safetyNumberWith(conversationId, userId);
    const text = number.join(' ');
    const verified = await e2ee.verifiedNumber(userId);
    const state = verified === text ? 'Verified' : verified ? 'Changed since you verified it' : 'Not verified';
    sections.push(h('section', {class: 'member', dataset: {userId}},
      h('h3', {}, name),
      list,
      h('p', {class: 'safety-number', 'data-testid': 'safety-number', 'aria-label': `Safety number with ${name}`},
        number.map(group => h('span', {}, group))),
      h('p', {class: `verified ${verified === text ? 'ok' : verified ? 'changed' : ''}`}, state,
        verified === text ? null : h('button', {type: 'button', class: 'link',
          onclick: () => e2ee.markVerified(userId, text)}, ' · Mark as verified'))));
  }
  return h('section', {class: 'verify card', 'aria-label': 'Verify encryption', 'data-testid': 'verify-panel'},
    h('h2', {}, 'Verify end-to-end encryption'),
    h('p', {class: 'hint'}, 'Compare the safety number with each person (in person or on a call). If it matches on '
      + 'both sides, your messages go only to the devices listed here. A QR code to scan is not offered yet.'),
    sections.length ? sections : h('p', {}, 'No devices yet.'));
}
