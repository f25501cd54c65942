// SPDX-License-Identifier: Apache-2.0
// Every request of the console goes through here: the credentials the operator gave, sent explicitly as an
// Authorization header (never the browser's cached Basic credentials: credentials 'omit'), and any refusal or
// problem detail turned into an ApiError whose message says what the API answered.

const KEY = 'capa-console-authorization';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function authorization() {
  return sessionStorage.getItem(KEY);
}

export function login(token, user, password) {
  if (token) {
    sessionStorage.setItem(KEY, 'Bearer ' + token);
  } else if (user) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    sessionStorage.setItem(KEY, 'Basic ' + btoa(String.fromCharCode(...bytes)));
  }
}

export function logout() {
  sessionStorage.removeItem(KEY);
}

export async function request(path, { method = 'GET', body, type, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  const auth = authorization();
  if (auth) {
    headers.Authorization = auth;
  }
  if (type) {
    headers['Content-Type'] = type;
  }
  const response = await fetch(path, { method, body, headers, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, describe(response.status, text));
  }
  if (accept === 'application/json' && text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return text;
    }
  }
  return text;
}

export const getJson = path => request(path);
export const sendJson = (method, path, value) => request(path, { method, body: JSON.stringify(value), type: 'application/json' });

function describe(status, text) {
  try {
    const problem = JSON.parse(text);
    const detail = problem.detail || problem.message || problem.title;
    if (detail) {
      return status + ' ' + (problem.title ? problem.title + ': ' : '') + detail;
    }
  } catch (e) {
    // not a problem detail: the status and the text say it
  }
  return status + ' ' + (text || '').slice(0, 200);
}
