// What every settings section is made of: a titled section, a line that says how an action went, and running an
// action with its button disabled meanwhile (so a double press does not send twice).
import {h} from '../../dom.js';
import {ApiError} from '../../api.js';
import {describeError} from '../auth.js';

/** A section of the settings screen: an id for the contents list, a heading the list can move the focus to. */
export function section(id, title, ...children) {
  return h('section', {class: 'settings-section card', id: `settings-${id}`, 'aria-labelledby': `settings-${id}-title`},
    h('h2', {id: `settings-${id}-title`, tabindex: '-1'}, title), ...children);
}

/** A status line (polite) that also carries errors (then styled and announced as an alert). */
export function outcome() {
  const line = h('p', {class: 'outcome', role: 'status', 'aria-live': 'polite'});
  line.ok = text => { line.classList.remove('error'); line.textContent = text; };
  line.fail = e => { line.classList.add('error'); line.textContent = typeof e === 'string' ? e : describeError(e); };
  line.clear = () => line.ok('');
  return line;
}

/** Runs `action` with `button` disabled; its failure goes to `line`. Answers whether it succeeded. */
export async function run(button, line, action) {
  if (button) button.disabled = true;
  line?.clear();
  try {
    await action();
    return true;
  } catch (e) {
    if (!(e instanceof ApiError)) console.warn('settings action failed', e);
    line?.fail(e);
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}

/** A form whose submit runs `action(form)`; its submit button is disabled while it runs. */
export function form(attrs, children, action, line) {
  const el = h('form', {novalidate: true, ...attrs}, ...children);
  el.addEventListener('submit', event => {
    event.preventDefault();
    run(el.querySelector('button[type=submit]'), line, () => action(el));
  });
  return el;
}

/** A checkbox with its label, for a setting that is saved as soon as it changes. */
export function toggle(label, attrs) {
  return h('label', {class: 'check'}, h('input', {type: 'checkbox', ...attrs}), ` ${label}`);
}

export function formatDate(iso) {
  return iso ? new Date(iso).toLocaleString([], {dateStyle: 'medium', timeStyle: 'short'}) : '';
}
