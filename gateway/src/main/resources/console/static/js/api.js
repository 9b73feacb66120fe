// The console's one way to call the JSON API: the session cookie signs the request in (same origin), and every
// request that may change state carries the session's CSRF token, which the server checks against the session.
let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

/** An API answer that was not 2xx: its status and the API's own error message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function loginUrl() {
  return '/console/login?next=' + encodeURIComponent(location.pathname + location.search);
}

async function answer(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.startsWith('application/json') ? await response.json() : null;
  if (response.status === 401 && !location.pathname.startsWith('/console/login')) {
    location.assign(loginUrl());
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || response.statusText);
  }
  return body;
}

export async function getJson(path) {
  return answer(await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }));
}

export async function sendJson(method, path, body) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  return answer(await fetch(path, {
    method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

export const postJson = (path, body) => sendJson('POST', path, body);
