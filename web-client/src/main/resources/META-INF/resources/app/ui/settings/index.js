// The settings screen: one page of sections (profile, sign-in, sessions and devices, contacts, privacy,
// notifications, deleting the account) with a list of contents that moves the keyboard focus to a section.
// A session that must first set up two-step sign-in (docs/identity.md, "Policy") gets that section only.
import {h} from '../../dom.js';
import {section} from './parts.js';
import {profileSection} from './profile.js';
import {emailSection, passwordSection, deleteSection} from './account.js';
import {twoStepSection} from './two-step.js';
import {ssoSection} from './sso.js';
import {sessionsSection} from './sessions.js';
import {contactsSection, blocksSection} from './contacts.js';
import {privacySection} from './privacy.js';
import {notificationsSection} from './notifications.js';

/**
 * ctx: {me, chat, e2ee, onClose, onProfileChange(me)} and, for a session that may only enrol a second factor,
 * {enrolmentRequired: true, onEnrolled()}. `focus` names the section to open at ('two-step', …).
 */
export function settingsScreen(ctx, focus) {
  const sections = ctx.enrolmentRequired
    ? [twoStepSection(ctx)]
    : [
      profileSection(ctx),
      emailSection(ctx),
      passwordSection(ctx),
      twoStepSection(ctx),
      section('sso', 'Connected sign-in',
        h('p', {class: 'hint'}, 'Accounts of your organisation that can sign you in here.'), ssoSection()),
      sessionsSection(ctx),
      contactsSection(ctx),
      blocksSection(ctx),
      privacySection(ctx),
      notificationsSection(ctx),
      deleteSection(ctx),
    ];
  const contents = h('nav', {class: 'settings-contents', 'aria-label': 'Settings sections'},
    h('ul', {}, sections.map(s => {
      const heading = s.querySelector('h2');
      return h('li', {}, h('a', {href: `#${s.id}`, onclick: event => {
        event.preventDefault();
        show(s);
      }}, heading.textContent));
    })));
  const screen = h('section', {class: 'settings', 'aria-labelledby': 'settings-title'},
    h('div', {class: 'settings-header'},
      h('h1', {id: 'settings-title', tabindex: '-1'}, 'Settings'),
      ctx.onClose ? h('button', {type: 'button', class: 'back', onclick: () => ctx.onClose()}, 'Back to conversations') : null),
    h('div', {class: 'settings-body'}, contents, h('div', {class: 'settings-sections'}, sections)));
  screen.addEventListener('keydown', event => {
    if (event.key === 'Escape' && ctx.onClose && !event.target.closest('form')) ctx.onClose();
  });

  function show(s) {
    s.scrollIntoView({block: 'start'});
    s.querySelector('h2').focus({preventScroll: true});
  }

  queueMicrotask(() => {
    const wanted = focus && sections.find(s => s.id === `settings-${focus}`);
    if (wanted) show(wanted); else screen.querySelector('h1').focus();
  });
  return screen;
}
