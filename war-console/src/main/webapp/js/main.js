// SPDX-License-Identifier: Apache-2.0
// The console's shell: log-in, the page chosen by the URL's fragment (#functions...), and polling every few
// seconds, so that figures change without reloading the page.

import { ApiError, authorization, getJson, login, logout } from './api.js';
import { drawCharts, mayAct, pages, pollMetrics, state, wireForms } from './pages.js';

const POLL_MILLIS = 3000;
let timer = null;

const INFO_MILLIS = 10000;
let hideInfo = null;

function notify(text, error) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = error ? 'error' : 'info';
  box.hidden = false;
  clearTimeout(hideInfo);
  if (!error) {
    hideInfo = setTimeout(() => { box.hidden = true; }, INFO_MILLIS); // errors stay until the next message
  }
}

function currentPage() {
  const name = location.hash.replace('#', '');
  return name in pages ? name : 'overview';
}

async function refresh() {
  const name = currentPage();
  try {
    state.overview = await getJson('/v1.0-alpha1/overview');
    document.body.classList.toggle('viewer', !mayAct());
    document.getElementById('who').textContent = (authorization() ? '' : 'no credentials · ')
        + (mayAct() ? 'admin' : 'viewer');
    document.querySelectorAll('form.admin button, form.admin input, form.admin select, form.admin textarea')
        .forEach(e => { e.disabled = !mayAct(); });
    await pollMetrics();
    await pages[name]();
    document.body.dataset.loaded = name;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || (e.status === 403 && state.overview === null))) {
      showLogin(e.status === 403 ? 'Refused: ' + e.message : null);
      return;
    }
    notify(e.message, true);
  }
}

function show(name) {
  document.getElementById('login').hidden = true;
  document.getElementById('pages').hidden = false;
  document.querySelectorAll('.page').forEach(p => { p.hidden = p.id !== 'page-' + name; });
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('current', a.dataset.page === name));
  drawCharts();
}

function showLogin(reason) {
  stop();
  state.overview = null;
  document.getElementById('pages').hidden = true;
  document.getElementById('login').hidden = false;
  if (reason) {
    notify(reason, true);
  }
}

function stop() {
  if (timer) {
    clearInterval(timer);
    timer = null;
  }
}

async function start() {
  stop();
  show(currentPage());
  await refresh();
  if (state.overview !== null) {
    timer = setInterval(refresh, POLL_MILLIS);
  }
}

document.getElementById('login-form').addEventListener('submit', event => {
  event.preventDefault();
  const form = event.target.elements;
  login(form['login-token'].value.trim(), form['login-user'].value.trim(), form['login-password'].value);
  form['login-password'].value = '';
  form['login-token'].value = '';
  document.getElementById('message').hidden = true;
  start();
});

document.getElementById('logout').addEventListener('click', () => {
  logout();
  state.overview = null;
  showLogin(null);
});

window.addEventListener('hashchange', () => {
  show(currentPage());
  refresh();
});

state.notify = notify;
state.refresh = refresh;
wireForms();
start();
