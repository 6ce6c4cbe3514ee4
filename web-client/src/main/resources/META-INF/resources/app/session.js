// The signed-in session. The access token lives only in this module's memory. The refresh token is kept in
// sessionStorage so that reloading the tab keeps you signed in; it is gone when the tab closes, is never shared with
// other tabs, and is rotated by auth-service on every use (a stolen, already-used one revokes the whole family).
// See web-client/README.md for why not localStorage and not memory only.

const REFRESH_KEY = 'sc.refreshToken';
const listeners = new Set();

let accessToken = null;
let expiresAt = 0;
let refreshTimer = null;
let refreshing = null;

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function token() {
  return accessToken;
}

export function signedIn() {
  return accessToken !== null;
}

export function hasStoredRefreshToken() {
  return sessionStorage.getItem(REFRESH_KEY) !== null;
}

/** Takes the answer of login or refresh: {accessToken, refreshToken, expiresIn}. */
export function start(tokens) {
  accessToken = tokens.accessToken;
  expiresAt = Date.now() + tokens.expiresIn * 1000;
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  scheduleRefresh(tokens.expiresIn);
  listeners.forEach(listener => listener('token'));
}

/** Refreshes well before expiry (at 80 % of the lifetime, at least 5 s ahead), so sockets never see 4401. */
function scheduleRefresh(expiresIn) {
  clearTimeout(refreshTimer);
  const delay = Math.max(1, Math.min(expiresIn * 0.8, expiresIn - 5)) * 1000;
  refreshTimer = setTimeout(() => refresh().catch(() => {}), delay);
}

/**
 * One refresh at a time: concurrent callers share it. A refused refresh token ends the session (another tab
 * used it, it was revoked, or it expired).
 */
export function refresh() {
  if (refreshing) return refreshing;
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return Promise.reject(new Error('not signed in'));
  refreshing = fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({refreshToken}),
  }).then(async response => {
    if (response.ok) {
      start(await response.json());
      return accessToken;
    }
    if (response.status === 400 || response.status === 401) {
      end();
    }
    throw new Error(`refresh failed: ${response.status}`);
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export function expiresInMs() {
  return expiresAt - Date.now();
}

/** Forgets every secret this page holds. */
export function end() {
  const wasSignedIn = accessToken !== null || hasStoredRefreshToken();
  accessToken = null;
  expiresAt = 0;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(REFRESH_KEY);
  if (wasSignedIn) listeners.forEach(listener => listener('ended'));
}
