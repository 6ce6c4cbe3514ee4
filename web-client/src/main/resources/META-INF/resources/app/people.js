// Who is who: display names (fetched once each), finding a user by email, and a conversation's title.
import {get} from './api.js';

const profiles = new Map();

export function profile(userId) {
  if (!profiles.has(userId)) {
    profiles.set(userId, get(`/api/v1/users/${userId}`).catch(() => ({id: userId, displayName: 'Unknown user'})));
  }
  return profiles.get(userId);
}

export function forgetProfiles() {
  profiles.clear();
}

/** Finds a user by exact email address (the directory never lists everyone). */
export async function findUser(email) {
  const found = await get(`/api/v1/users/search?email=${encodeURIComponent(email.trim())}`);
  if (!found.items.length) throw new Error(`No verified account can be found by ${email.trim()}.`);
  return found.items[0];
}

export async function conversationTitle(conversation, me) {
  if (conversation.type === 'group') return conversation.name ?? 'Group';
  const other = conversation.members.find(m => m.userId !== me.id);
  return other ? (await profile(other.userId)).displayName : 'Just you';
}
