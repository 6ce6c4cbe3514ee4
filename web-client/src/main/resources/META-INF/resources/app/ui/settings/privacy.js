// Privacy: who sees that you are online and when you were last seen (chat-service), and whether people can find you
// by your email address (auth-service). Each box is saved as soon as it changes.
import {h} from '../../dom.js';
import {get, put, patch} from '../../api.js';
import {section, outcome, run, toggle} from './parts.js';

export function privacySection(ctx) {
  const line = outcome();
  const lastSeen = toggle('Show when I was last online', {name: 'showLastSeen', disabled: true});
  const findable = toggle('Let people who know my email address find me by it', {name: 'findableByEmail',
    checked: ctx.me.findableByEmail});
  const lastSeenBox = lastSeen.querySelector('input');
  const findableBox = findable.querySelector('input');

  get('/api/v1/presence/settings').then(s => {
    lastSeenBox.checked = s.showLastSeen;
    lastSeenBox.disabled = false;
  }, e => line.fail(e));

  lastSeenBox.addEventListener('change', () => run(lastSeenBox, line, async () => {
    const saved = await put('/api/v1/presence/settings', {showLastSeen: lastSeenBox.checked});
    lastSeenBox.checked = saved.showLastSeen;
    line.ok(saved.showLastSeen ? 'Saved: people who see you online also see when you were last online.'
      : 'Saved: nobody sees when you were last online.');
  }).then(ok => { if (!ok) lastSeenBox.checked = !lastSeenBox.checked; }));

  findableBox.addEventListener('change', () => run(findableBox, line, async () => {
    ctx.me = await patch('/api/v1/users/me', {findableByEmail: findableBox.checked});
    findableBox.checked = ctx.me.findableByEmail;
    line.ok(ctx.me.findableByEmail ? 'Saved: people can start a chat with you by your email address.'
      : 'Saved: nobody finds you by your email address; people you already talk to still can reach you.');
  }).then(ok => { if (!ok) findableBox.checked = !findableBox.checked; }));

  return section('privacy', 'Privacy',
    h('p', {}, 'Who sees when you are online: only people you share a conversation with, and never someone '
      + 'you blocked or who blocked you.'),
    lastSeen,
    h('p', {class: 'hint'}, 'Hiding it also forgets the time recorded so far.'),
    findable,
    line);
}
