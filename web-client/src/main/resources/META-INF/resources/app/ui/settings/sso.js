// Connected sign-in: the single sign-on providers linked to this account, connecting another (a sign-in at the
// provider that comes back here) and disconnecting one. An account without a password keeps its last provider.
import {h, replace} from '../../dom.js';
import {providers, connected, linkUrl, disconnect} from '../../sso.js';
import {outcome, run, formatDate} from './parts.js';

export function ssoSection() {
  const line = outcome();
  const list = h('ul', {class: 'settings-list', 'aria-label': 'Connected providers', 'data-testid': 'sso-connected'});

  async function load() {
    const [all, mine] = await Promise.all([providers(), connected()]);
    const linked = new Set(mine.map(c => c.provider));
    replace(list, all.length ? all.map(p => {
      const connection = mine.find(c => c.provider === p.id);
      return h('li', {dataset: {provider: p.id}},
        h('div', {class: 'what'}, h('strong', {}, p.name),
          h('span', {class: 'detail'}, connection
            ? `Connected${connection.email ? ` as ${connection.email}` : ''} since ${formatDate(connection.linkedAt)}`
            : 'Not connected')),
        linked.has(p.id)
          ? h('button', {type: 'button', 'aria-label': `Disconnect ${p.name}`,
            onclick: event => run(event.currentTarget, line, async () => {
              await disconnect(p.id);
              line.ok(`${p.name} no longer signs you in.`);
              await load();
            })}, 'Disconnect')
          : h('button', {type: 'button', 'aria-label': `Connect ${p.name}`,
            onclick: event => run(event.currentTarget, line, async () => {
              location.assign(await linkUrl(p.id)); // a sign-in at the provider, which comes back here
            })}, 'Connect'));
    }) : h('li', {class: 'empty'}, 'No single sign-on provider is set up for this server.'));
  }

  load().catch(e => replace(list, h('li', {class: 'empty'}, `Not available right now (${e.message}).`)));
  return h('div', {}, list, line);
}
