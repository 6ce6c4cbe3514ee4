// Profile: the display name others see, and a picture (an image file in storage-service, named by the profile).
import {h, field, replace} from '../../dom.js';
import {patch} from '../../api.js';
import {upload, fetchBlob} from '../../files.js';
import {section, outcome, form, run} from './parts.js';

const PICTURE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';
const MAX_PICTURE = 5 * 1024 * 1024;

export function profileSection(ctx) {
  const nameLine = outcome();
  const nameForm = form({class: 'settings-form', 'aria-label': 'Change display name'}, [
    field('Display name', {name: 'displayName', required: true, maxlength: 64, autocomplete: 'nickname',
      value: ctx.me.displayName}),
    h('button', {type: 'submit'}, 'Save name'),
    nameLine,
  ], async f => {
    const name = f.displayName.value.trim();
    if (!name) throw new Error('A display name cannot be empty.');
    ctx.me = await patch('/api/v1/users/me', {displayName: name});
    ctx.onProfileChange?.(ctx.me);
    nameLine.ok('Saved. Others see the new name from now on.');
  }, nameLine);

  const pictureLine = outcome();
  const picture = h('div', {class: 'avatar', 'data-testid': 'avatar'});
  const input = h('input', {type: 'file', id: 'settings-avatar', accept: PICTURE_TYPES, class: 'visually-hidden'});
  input.addEventListener('change', () => {
    const file = input.files[0];
    if (!file) return;
    run(null, pictureLine, async () => {
      if (!PICTURE_TYPES.split(',').includes(file.type)) throw new Error('Choose a PNG, JPEG, WebP or GIF picture.');
      if (file.size > MAX_PICTURE) throw new Error('Choose a picture of at most 5 MB.');
      pictureLine.ok('Uploading…');
      const stored = await upload(file);
      ctx.me = await patch('/api/v1/users/me', {avatarFileId: stored.id});
      ctx.onProfileChange?.(ctx.me);
      await showPicture();
      pictureLine.ok('Your new picture is saved.');
    }).finally(() => { input.value = ''; });
  });

  async function showPicture() {
    if (!ctx.me.avatarFileId) return replace(picture, h('span', {class: 'initial', 'aria-hidden': 'true'},
      (ctx.me.displayName || '?').slice(0, 1).toUpperCase()));
    try {
      // the page may show images of its own origin and blobs only (CSP), so the bytes come through a blob URL
      const url = URL.createObjectURL(await fetchBlob(ctx.me.avatarFileId));
      const img = h('img', {src: url, alt: 'Your picture'});
      img.addEventListener('load', () => URL.revokeObjectURL(url), {once: true});
      replace(picture, img);
    } catch {
      replace(picture, h('span', {class: 'initial'}, '?'));
    }
  }
  showPicture();

  return section('profile', 'Profile',
    nameForm,
    h('div', {class: 'picture-row'}, picture,
      h('div', {class: 'picture-upload'}, input, h('label', {for: 'settings-avatar', class: 'button'}, 'Choose a picture'),
        h('p', {class: 'hint'}, 'PNG, JPEG, WebP or GIF, at most 5 MB.'))),
    pictureLine);
}
