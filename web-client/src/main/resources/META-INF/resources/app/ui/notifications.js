// The notification inbox (mentions, replies, missed calls, …): a button with the unread count that opens
// a list; opening it marks everything read.
import {h, replace, formatTime} from '../dom.js';
import {get, post} from '../api.js';
import {profile} from '../people.js';

const KIND_TEXT = {
  message: 'sent you a message',
  mention: 'mentioned you',
  reply: 'replied to you',
  missed_call: 'called you',
  friend_request: 'wants to be your contact',
  poll_result: 'closed a poll',
};

export class NotificationsPanel {
  constructor() {
    this.count = h('span', {class: 'badge', hidden: true});
    this.button = h('button', {type: 'button', 'aria-expanded': 'false', 'aria-controls': 'notifications',
      onclick: () => this.toggle()}, 'Notifications ', this.count);
    this.list = h('ul', {});
    this.panel = h('section', {id: 'notifications', class: 'notifications card', hidden: true,
      'aria-label': 'Notifications'}, h('h2', {}, 'Notifications'), this.list);
  }

  async load() {
    try {
      const page = await get('/api/v1/notifications?limit=50');
      this.#showCount(page.unreadCount ?? page.items.filter(n => !n.read).length);
      const items = await Promise.all(page.items.map(async n => {
        const actor = n.actorId ? (await profile(n.actorId)).displayName : 'Someone';
        return h('li', {class: n.read ? '' : 'unread'},
          `${actor} ${KIND_TEXT[String(n.kind).toLowerCase()] ?? String(n.kind).toLowerCase().replaceAll('_', ' ')}`,
          h('time', {datetime: n.createdAt}, ` · ${formatTime(n.createdAt)}`));
      }));
      replace(this.list, items.length ? items : h('li', {}, 'Nothing new.'));
    } catch {
      replace(this.list, h('li', {}, 'Notifications are not available right now.'));
    }
  }

  #showCount(n) {
    this.count.hidden = n === 0;
    this.count.textContent = String(n);
    this.count.setAttribute('aria-label', `${n} unread`);
  }

  async toggle() {
    const open = this.panel.hidden;
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      await this.load();
      await post('/api/v1/notifications/read-all').catch(() => {});
      this.#showCount(0);
    }
  }
}
