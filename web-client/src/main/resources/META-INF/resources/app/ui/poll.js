// Polls: created from the composer, shown in the history where chat-service put them (a system message
// {"event":"poll.created","pollId"}), voted on in place, and kept live by `poll.updated` frames.
import {h, replace, field} from '../dom.js';
import {get, post} from '../api.js';

export class PollCards {
  constructor(chat) {
    this.chat = chat;
    this.polls = new Map();   // id → poll
    this.cards = new Map();   // id → Set of card elements showing it
    chat.addEventListener('event', event => {
      if (event.detail.type === 'poll.updated') this.#update(event.detail.poll);
    });
  }

  /** A card for the poll a system message announces; filled in when the poll is known. */
  card(pollId) {
    const card = h('div', {class: 'poll', dataset: {pollId}}, h('p', {}, 'Poll…'));
    if (!this.cards.has(pollId)) this.cards.set(pollId, new Set());
    this.cards.get(pollId).add(card);
    if (this.polls.has(pollId)) this.#render(card, this.polls.get(pollId));
    else get(`/api/v1/polls/${pollId}`).then(poll => this.#update(poll)).catch(() => replace(card, h('p', {}, 'Poll not available.')));
    return card;
  }

  #update(poll) {
    if (poll.deleted) {
      this.polls.delete(poll.id);
    } else {
      // myVotes is the caller's own: a frame about someone else's vote does not carry ours
      const known = this.polls.get(poll.id);
      this.polls.set(poll.id, {...poll, myVotes: poll.myVotes ?? known?.myVotes ?? []});
    }
    for (const card of this.cards.get(poll.id) ?? []) {
      if (!card.isConnected) {
        this.cards.get(poll.id).delete(card);
        continue;
      }
      if (poll.deleted) replace(card, h('p', {}, 'This poll was deleted.'));
      else this.#render(card, this.polls.get(poll.id));
    }
  }

  #render(card, poll) {
    const total = poll.options.reduce((sum, o) => sum + o.votes, 0);
    const mine = new Set(poll.myVotes ?? []);
    replace(card,
      h('p', {class: 'question'}, poll.question),
      h('ul', {class: 'options'}, poll.options.map(option => h('li', {},
        h('button', {type: 'button', 'aria-pressed': String(mine.has(option.id)), disabled: poll.closed,
          onclick: () => this.#vote(poll, option.id)}, option.text),
        h('span', {class: 'votes'}, `${option.votes} vote${option.votes === 1 ? '' : 's'}`),
        h('meter', {min: 0, max: Math.max(1, total), value: option.votes, 'aria-hidden': 'true'})))),
      h('p', {class: 'meta'}, poll.closed ? 'Closed' : poll.multipleChoice ? 'Choose one or more' : 'Choose one',
        poll.createdBy === this.chat.me.id && !poll.closed
          ? h('button', {type: 'button', class: 'link', onclick: () => this.#close(poll)}, ' · Close poll') : null));
  }

  async #vote(poll, optionId) {
    const current = new Set(poll.myVotes ?? []);
    let optionIds;
    if (poll.multipleChoice) {
      if (current.has(optionId)) current.delete(optionId);
      else current.add(optionId);
      optionIds = [...current];
    } else {
      optionIds = [optionId];
    }
    if (optionIds.length) this.#update(await post(`/api/v1/polls/${poll.id}/votes`, {optionIds}));
  }

  async #close(poll) {
    this.#update(await post(`/api/v1/polls/${poll.id}/close`));
  }
}

/** The "new poll" form of the composer: a question and one option per line (sendEncrypted: for e2ee conversations). */
export function pollForm(conversationId, onDone, sendEncrypted) {
  const error = h('p', {class: 'error', role: 'alert'});
  const options = h('textarea', {name: 'options', rows: 3, required: true, id: `poll-options-${conversationId}`});
  const form = h('form', {class: 'poll-form card', 'aria-label': 'New poll'},
    field('Question', {name: 'question', required: true, maxlength: 500}),
    h('div', {class: 'field'}, h('label', {for: options.id}, 'Options (one per line)'), options),
    h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'multipleChoice'}), ' Several answers allowed'),
    h('div', {class: 'row'},
      h('button', {type: 'submit', class: 'primary'}, 'Create poll'),
      h('button', {type: 'button', onclick: () => onDone()}, 'Cancel')),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const poll = {
      question: form.question.value.trim(),
      options: form.options.value.split('\n').map(o => o.trim()).filter(Boolean),
      multipleChoice: form.multipleChoice.checked,
    };
    try {
      // in an e2ee conversation the poll is an encrypted message: the server never sees the question or the votes
      if (sendEncrypted) sendEncrypted(poll);
      else await post(`/api/v1/conversations/${conversationId}/polls`, poll);
      onDone();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return form;
}
