// The frame every signed-in page shares: top bar (who is signed in, sign out) and the navigation its role may use.
// A page module calls startPage('market', 'Market') and fills the <main> it gets back.
import { getJson, sendJson, setCsrfToken, loginUrl } from './api.js';
import { el } from './ui.js';

const EVERYONE = ['REGULATOR', 'ENTERPRISE', 'BROKER'];

/**
 * The navigation. A new page: a file console/pages/<id>.html, a module static/js/pages/<id>.js, and a line here with
 * the roles that may open it (the API still decides what each role may read: the menu only hides what would be
 * refused anyway).
 */
export const NAV = [
  { section: 'Markets' },
  { id: 'market', label: 'Market', roles: EVERYONE },
  { id: 'auctions', label: 'Auctions', roles: EVERYONE },
  { section: 'Registry' },
  { id: 'registry', label: 'Accounts & serials', roles: EVERYONE },
  { section: 'Compliance' },
  { id: 'compliance', label: 'Compliance years', roles: EVERYONE },
  { id: 'actions', label: 'Regulator actions', roles: ['REGULATOR'] },
  { section: 'Oversight' },
  { id: 'surveillance', label: 'Surveillance', roles: ['REGULATOR'] },
  { id: 'reports', label: 'Reports', roles: EVERYONE },
];

/** The session: {user, role, accounts, brokerId, csrfToken, expiresAt, instruments}. */
export let session = null;

export async function startPage(pageId, title) {
  try {
    session = await getJson('/console/session');
  } catch (error) {
    if (error.status === 401) {
      location.assign(loginUrl());
    }
    throw error;
  }
  setCsrfToken(session.csrfToken);
  document.title = title + ' · CarbonX Console';

  const signOut = el('button', { class: 'signout', type: 'button', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    try {
      await sendJson('DELETE', '/console/session');
    } finally {
      location.assign('/console/login');
    }
  });
  const topbar = el('header', { class: 'topbar' },
    el('div', { class: 'brand' }, el('span', { class: 'brand-mark' }, 'C'), 'CarbonX',
      el('small', {}, 'Registry & Market Console')),
    el('div', { class: 'spacer' }),
    el('div', { class: 'who' },
      el('span', { class: 'badge role', id: 'role' }, session.role),
      el('span', { class: 'name', id: 'user' }, session.user),
      session.accounts.length ? el('span', {}, 'accounts ' + session.accounts.join(', ')) : null,
      signOut));

  const nav = el('nav', { class: 'sidenav', id: 'nav' });
  let pendingSection = null;
  for (const item of NAV) {
    if (item.section) {
      pendingSection = item.section;
      continue;
    }
    if (!item.roles.includes(session.role)) continue;
    if (pendingSection) {
      nav.append(el('div', { class: 'section' }, pendingSection));
      pendingSection = null;
    }
    nav.append(el('a', { href: '/console/' + item.id, class: item.id === pageId ? 'active' : null,
      'data-page': item.id }, item.label));
  }
  const main = el('main', { id: 'content' });
  document.body.append(topbar, el('div', { class: 'shell' }, nav, main));
  return main;
}

/** The page header: a title, a line under it, and tools on the right. */
export function pageHead(title, sub, ...tools) {
  return el('div', { class: 'page-head' },
    el('div', {}, el('h1', {}, title), sub ? el('div', { class: 'sub' }, sub) : null),
    el('div', { class: 'tools' }, ...tools));
}
