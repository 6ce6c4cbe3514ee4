// Where the account is signed in and what can reach it: sessions (auth-service), push devices and end-to-end
// encryption devices (chat-service). Each can be ended or removed from here; this browser's own are marked.
import {h, replace} from '../../dom.js';
import {get, del, post} from '../../api.js';
import * as session from '../../session.js';
import {setSignInNotice} from '../auth.js';
import {section, outcome, run, formatDate} from './parts.js';

export function sessionsSection(ctx) {
  const line = outcome();
  const sessions = h('ul', {class: 'settings-list', 'aria-label': 'Sessions', 'data-testid': 'sessions'});
  const pushDevices = h('ul', {class: 'settings-list', 'aria-label': 'Push devices', 'data-testid': 'push-devices'});
  const keyDevices = h('ul', {class: 'settings-list', 'aria-label': 'Encryption devices', 'data-testid': 'key-devices'});

  async function loadSessions() {
    const {items} = await get('/api/v1/users/me/sessions');
    replace(sessions, items.length ? items.map(s => h('li', {dataset: {id: s.id}},
      h('div', {class: 'what'},
        h('strong', {}, s.deviceName || 'Unnamed device'), s.current ? h('span', {class: 'tag'}, 'This browser') : null,
        h('span', {class: 'detail'}, [s.userAgent ? browserName(s.userAgent) : null, s.ip].filter(Boolean).join(' · ')),
        h('span', {class: 'detail'}, `Signed in ${formatDate(s.createdAt)}, last active ${formatDate(s.lastUsedAt)}`)),
      s.current ? null : h('button', {type: 'button', 'aria-label': `Sign out ${s.deviceName || 'this session'} (${s.ip ?? ''})`,
        onclick: event => run(event.currentTarget, line, async () => {
          await del(`/api/v1/users/me/sessions/${s.id}`);
          line.ok(`${s.deviceName || 'The session'} is signed out.`);
          await loadSessions();
        })}, 'Sign out'))) : h('li', {class: 'empty'}, 'No sessions.'));
  }

  async function loadPushDevices() {
    const {items} = await get('/api/v1/devices');
    replace(pushDevices, items.length ? items.map(d => h('li', {dataset: {id: d.id}},
      h('div', {class: 'what'}, h('strong', {}, platformName(d.platform)),
        h('span', {class: 'detail'}, `Added ${formatDate(d.createdAt)}${d.deviceId ? ` · ${d.deviceId}` : ''}`)),
      h('button', {type: 'button', 'aria-label': `Remove push device ${platformName(d.platform)} ${d.deviceId ?? ''}`,
        onclick: event => run(event.currentTarget, line, async () => {
          await del(`/api/v1/devices/${d.id}`);
          line.ok('That device gets no more notifications.');
          await loadPushDevices();
        })}, 'Remove'))) : h('li', {class: 'empty'}, 'No device gets push notifications.'));
  }

  async function loadKeyDevices() {
    const {items} = await get('/api/v1/keys/devices');
    const mine = ctx.e2ee?.device?.deviceId;
    replace(keyDevices, items.length ? items.map(d => h('li', {dataset: {id: d.deviceId}},
      h('div', {class: 'what'}, h('strong', {}, `Device ${d.deviceId.slice(0, 8)}`),
        d.deviceId === mine ? h('span', {class: 'tag'}, 'This browser') : null,
        h('span', {class: 'detail'}, `Added ${formatDate(d.createdAt)} · ${d.keyPackages} key packages left`)),
      d.deviceId === mine ? h('span', {class: 'detail'}, 'Signing out removes it.')
        : h('button', {type: 'button', 'aria-label': `Remove encryption device ${d.deviceId.slice(0, 8)}`,
          onclick: event => run(event.currentTarget, line, async () => {
            await del(`/api/v1/keys/devices/${encodeURIComponent(d.deviceId)}`);
            line.ok('The device is removed: the next message in each encrypted conversation leaves it out.');
            await loadKeyDevices();
          })}, 'Remove'))) : h('li', {class: 'empty'}, 'No device holds encryption keys yet.'));
  }

  const failed = what => e => replace(what, h('li', {class: 'empty'}, `Not available right now (${e.message}).`));
  loadSessions().catch(failed(sessions));
  loadPushDevices().catch(failed(pushDevices));
  loadKeyDevices().catch(failed(keyDevices));

  const everywhere = h('button', {type: 'button', class: 'danger', onclick: event => run(event.currentTarget, line, async () => {
    await post('/api/v1/auth/logout-all');
    setSignInNotice('You are signed out everywhere.');
    session.end();
  })}, 'Sign out everywhere');

  return section('sessions', 'Sessions and devices',
    h('h3', {}, 'Signed in'), sessions,
    h('h3', {}, 'Push notifications'),
    h('p', {class: 'hint'}, 'Phones and browsers that get a notification when you are offline.'), pushDevices,
    h('h3', {}, 'Encryption devices'),
    h('p', {class: 'hint'}, 'Each browser or phone that reads your end-to-end encrypted conversations. Remove one you do not know.'),
    keyDevices,
    h('h3', {}, 'Refresh'),
    h('p', {class: 'row'},
      h('button', {type: 'button', onclick: () => Promise.all([loadSessions(), loadPushDevices(), loadKeyDevices()])
        .then(() => line.ok('Up to date.'), e => line.fail(e))}, 'Refresh the lists'),
      everywhere),
    line);
}

function platformName(platform) {
  return {WEB: 'Web browser', WEBPUSH: 'Web browser', APNS: 'iPhone or iPad', FCM: 'Android'}[String(platform).toUpperCase()]
    ?? String(platform);
}

/** A short name for a user agent string: enough to tell one's own browsers apart. */
function browserName(userAgent) {
  const found = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(userAgent);
  const os = /(Android|iPhone|iPad|Mac OS X|Windows|Linux)/.exec(userAgent);
  return [found ? found[0].split('/')[0].replace('Edg', 'Edge') : 'Browser', os?.[0]].filter(Boolean).join(' on ');
}
