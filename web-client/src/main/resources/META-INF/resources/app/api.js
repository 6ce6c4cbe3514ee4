// REST calls through the gateway (same origin). Errors arrive as RFC 9457 problem+json with a stable `code`;
// they become ApiError so views can show `detail` and react to `code`.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? `HTTP_${status}`;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/**
 * A JSON request; with a token unless `anonymous`. A 401 about the token (UNAUTHENTICATED) is retried once after
 * refreshing it; any other 401 (a wrong password or code) is the answer, and sending it again would count twice
 * toward a lockout.
 */
export async function api(method, path, body, {anonymous = false, headers = {}} = {}) {
  const send = () => fetch(path, {
    method,
    headers: {
      ...(body !== undefined ? {'Content-Type': 'application/json'} : {}),
      ...(!anonymous && session.token() ? {Authorization: `Bearer ${session.token()}`} : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  let response = await send();
  if (response.status === 401 && !anonymous && session.hasStoredRefreshToken()
      && await problemCode(response) === 'UNAUTHENTICATED') {
    await session.refresh().catch(() => {});
    if (session.signedIn()) response = await send();
  } else if (response.status === 403 && !anonymous && session.hasStoredRefreshToken()
      && await problemCode(response) === 'EMAIL_NOT_VERIFIED') {
    // the address may have been confirmed (in another tab) since this token was issued: a refreshed one says so
    await session.refresh().catch(() => {});
    if (session.signedIn()) response = await send();
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json, Number(response.headers.get('Retry-After')) || undefined);
  }
  return json;
}

/** The problem's `code`, read from a copy so the body stays readable; UNAUTHENTICATED when there is none. */
async function problemCode(response) {
  const problem = await response.clone().json().catch(() => ({}));
  return problem?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : undefined);
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {detail: text.slice(0, 200)};
  }
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body, options);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = path => api('DELETE', path);
