// Safety numbers: two people compare one number (in person, on a call) to know that the devices their
// conversations encrypt to are the ones the other really has, and not devices the server slipped in (the server
// signs the credentials, so only this comparison catches a server that lies).
// Each user's half is SHA-256 over their user id and their devices' signature keys, sorted; 30 digits from it
// (6 chunks of 5 bytes, each taken mod 100000); the two halves are put in user-id order, so both sides see the same
// 60 digits, shown as 12 groups of 5. Any added, removed or replaced device changes the number.
import {sha256, utf8} from './bytes.js';

async function half(userId, signatureKeys) {
  const sorted = [...signatureKeys].sort(compareBytes);
  const parts = [utf8(userId), ...sorted];
  const input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    input.set(part, at);
    at += part.length;
  }
  const digest = await sha256(input);
  const groups = [];
  for (let i = 0; i < 6; i++) {
    let chunk = 0;
    for (const byte of digest.subarray(i * 5, i * 5 + 5)) chunk = chunk * 256 + byte;
    groups.push(String(chunk % 100000).padStart(5, '0'));
  }
  return groups;
}

/** @param mine/theirs {userId, signatureKeys: Uint8Array[]} */
export async function safetyNumber(mine, theirs) {
  const [first, second] = [mine, theirs].sort((a, b) => a.userId.localeCompare(b.userId));
  return [...await half(first.userId, first.signatureKeys), ...await half(second.userId, second.signatureKeys)];
}

function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
