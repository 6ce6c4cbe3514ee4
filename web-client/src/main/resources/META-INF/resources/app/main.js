// Entry point: picks the screen from the session and the address. /verify-email and /reset-password are the links
// auth-service mails out, /sso/* the pages single sign-on leads to; everything else is the app (signed in) or the
// sign-in screen.
import * as session from './session.js';
import {showAuth, showVerifyEmail, showResetPassword} from './ui/auth.js';
import {showApp} from './ui/app.js';
import {isSsoPage, showSsoPage} from './sso.js';

const main = document.getElementById('main');

async function route() {
  const params = new URLSearchParams(location.search);
  if (location.pathname === '/verify-email' && params.get('token')) {
    return showVerifyEmail(main, params.get('token'), leaveLink);
  }
  if (location.pathname === '/reset-password' && params.get('token')) {
    return showResetPassword(main, params.get('token'), leaveLink);
  }
  if (isSsoPage(location.pathname)) {
    return showSsoPage(main, leaveLink); // where a single sign-on provider's callback leads
  }
  if (!session.signedIn() && session.hasStoredRefreshToken()) {
    await session.refresh().catch(() => {});
  }
  if (session.signedIn()) {
    return showApp(main);
  }
  return showAuth(main, () => route());
}

/** From a mailed link back to the app, without the token in the address bar or history. */
function leaveLink() {
  history.replaceState(null, '', '/');
  route();
}

session.onSessionChange(change => {
  if (change === 'ended') route();
});

route();
