// Sign-in: POST the user name and token to /console/session; the answer sets the session cookie.
import { ApiError, postJson } from '../api.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
const button = document.getElementById('sign-in');

/** Only a console page of this server may be the way back, never another site. */
function next() {
  const target = new URLSearchParams(location.search).get('next');
  return target && target.startsWith('/console/') && !target.startsWith('//') ? target : '/console/market';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  button.disabled = true;
  try {
    await postJson('/console/session', {
      user: document.getElementById('user').value.trim(),
      token: document.getElementById('token').value,
    });
    location.assign(next());
  } catch (failure) {
    error.textContent = failure instanceof ApiError && failure.status === 401 ?
      'Wrong user name or token.' : 'Sign-in failed: ' + failure.message;
    error.hidden = false;
    button.disabled = false;
  }
});
