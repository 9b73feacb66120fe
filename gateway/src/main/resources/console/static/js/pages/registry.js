// Registry: the accounts the user may see (GET /accounts), one account's cash and holdings with their serial blocks,
// and the history of one serial number (GET /serials/{instrument}/{serial}). Every refusal shown is the API's own.
import { getJson } from '../api.js';
import { startPage, pageHead, session } from '../layout.js';
import { badge, clear, el, errorBox, money, panel, qty, table, dateTime } from '../ui.js';

const main = await startPage('registry', 'Registry');
const params = new URLSearchParams(location.search);

const accountsBox = el('div', { id: 'accounts-box' });
const detailBox = el('div', { id: 'account-box' });
const serialBox = el('div', { id: 'serial-box' });

const serialInstrument = el('select', { id: 'serial-instrument' },
  session.instruments.map((s) => el('option', { value: s }, s)));
const serialNumber = el('input', { id: 'serial-number', type: 'number', min: 1, placeholder: 'e.g. 150', required: true });
const serialForm = el('form', { class: 'inline', id: 'serial-form' },
  el('label', {}, 'Instrument', serialInstrument),
  el('label', {}, 'Serial number', serialNumber),
  el('button', { class: 'primary', type: 'submit' }, 'Show history'));

main.append(
  pageHead('Registry', session.role === 'REGULATOR' ? 'Every account, its holdings and serial blocks' :
    'Your accounts, their holdings and serial blocks'),
  el('div', { class: 'grid two' },
    panel('Accounts', { hint: 'select one to see its holdings', flush: true }, accountsBox),
    panel('Account', { id: 'account-panel' }, detailBox)),
  panel('Holdings', { id: 'holdings-panel', flush: true }, el('div', { id: 'holdings-box' },
    el('div', { class: 'empty' }, 'Select an account'))),
  el('div', { style: 'height:16px' }),
  panel('History of a serial number', { hint: 'every movement of one tonne, from issuance on' },
    serialForm, el('div', { style: 'height:12px' }), serialBox));

const names = new Map();
const TYPE_TONES = { COMPLIANCE: 'info', TRADING: 'good', AUCTION: 'warn', PROJECT_OWNER: 'good', FEE: null };

async function loadAccounts() {
  try {
    const answer = await getJson('/accounts');
    answer.accounts.forEach((a) => names.set(String(a.account), a.name));
    clear(accountsBox).append(table([
      { label: 'Account', key: 'account', mono: true },
      { label: 'Name', render: (a) => a.name || '–' },
      { label: 'Type', render: (a) => badge(a.type, TYPE_TONES[a.type]) },
      { label: 'Cash', num: true, render: (a) => money(a.cash) },
      { label: 'Holdings', num: true, key: 'holdings' },
    ], answer.accounts, {
      id: 'accounts', empty: 'No accounts',
      rowClass: (a) => 'selectable' + (String(a.account) === params.get('account') ? ' selected' : ''),
      onRow: (a, tr) => tr.addEventListener('click', () => select(a.account)),
    }));
    const wanted = params.get('account') || (answer.accounts[0] && answer.accounts[0].account);
    if (wanted) await showAccount(wanted);
  } catch (error) {
    clear(accountsBox).append(errorBox(error));
  }
}

function select(account) {
  params.set('account', account);
  history.replaceState(null, '', '?' + params.toString());
  for (const row of document.querySelectorAll('#accounts tbody tr')) {
    row.classList.toggle('selected', row.firstChild.textContent === String(account));
  }
  showAccount(account);
}

function blocks(list, pledged) {
  if (!list.length) return '–';
  return list.map((b) => el('span', { class: 'chip' + (pledged ? ' pledged' : ''),
    title: b.attributes ? JSON.stringify(b.attributes) : 'no project attributes' },
  b.start === b.end ? String(b.start) : b.start + '–' + b.end));
}

async function showAccount(account) {
  const holdingsBox = document.getElementById('holdings-box');
  try {
    const [details, holdings] = await Promise.all([
      getJson('/accounts/' + encodeURIComponent(account)),
      getJson('/accounts/' + encodeURIComponent(account) + '/holdings'),
    ]);
    clear(detailBox).append(el('dl', { class: 'facts', id: 'account-facts' },
      el('dt', {}, 'Account'), el('dd', { class: 'mono' }, String(details.account)),
      el('dt', {}, 'Name'), el('dd', {}, names.get(String(details.account)) || '–'),
      el('dt', {}, 'Type'), el('dd', {}, badge(details.type, TYPE_TONES[details.type])),
      el('dt', {}, 'Cash total'), el('dd', {}, money(details.cash.total)),
      el('dt', {}, 'Reserved'), el('dd', {}, money(details.cash.reserved)),
      el('dt', {}, 'Available'), el('dd', {}, money(details.cash.available)),
      el('dt', {}, 'As of command'), el('dd', {}, String(details.sequence))));
    clear(holdingsBox).append(table([
      { label: 'Instrument', key: 'instrument' },
      { label: 'Total (t)', num: true, render: (h) => qty(h.total) },
      { label: 'Available', num: true, render: (h) => qty(h.available) },
      { label: 'Reserved', num: true, render: (h) => qty(h.reserved) },
      { label: 'Pledged', num: true, render: (h) => qty(h.pledged) },
      { label: 'Locked', num: true, render: (h) => qty(h.locked) },
      { label: 'Serial blocks', render: (h) => blocks(h.serialBlocks, false) },
      { label: 'Pledged blocks', render: (h) => blocks(h.pledgedBlocks, true) },
    ], holdings.holdings, { id: 'holdings', empty: 'This account holds no units' }));
    document.querySelector('#holdings-panel h2').textContent = 'Holdings of account ' + details.account;
  } catch (error) {
    clear(detailBox).append(errorBox(error));
    clear(holdingsBox).append(el('div', { class: 'empty' }, 'Not available'));
  }
}

const STATE_TONES = { HELD: 'good', SURRENDERED: 'info', RETIRED: null, CANCELLED: 'bad' };

async function showSerial(instrument, serial) {
  clear(serialBox).append(el('div', { class: 'empty' }, 'Loading…'));
  try {
    const history = await getJson('/serials/' + encodeURIComponent(instrument) + '/' + encodeURIComponent(serial));
    const current = history.current;
    const where = current.state === 'HELD' ?
      'held by account ' + current.account + (current.pledged ? ' (pledged)' : '') : current.state.toLowerCase();
    clear(serialBox).append(
      el('p', { id: 'serial-current' }, 'Tonne ', el('strong', {}, history.instrument + ' #' + history.serial), ' is ',
        badge(current.state, STATE_TONES[current.state]), ' ', where,
        history.attributes ? el('span', { class: 'chip' }, JSON.stringify(history.attributes)) : null),
      table([
        { label: 'Command', key: 'sequence', mono: true },
        { label: 'Time', render: (m) => dateTime(m.time) },
        { label: 'Operation', render: (m) => badge(m.operation, m.operation === 'TRADE' || m.operation === 'BLOCK_TRADE' ?
          'info' : null) },
        { label: 'From', render: (m) => (m.from ? String(m.from) : '—') },
        { label: 'To', render: (m) => (m.to ? String(m.to) : '—') },
        { label: 'Block', mono: true, render: (m) => m.block.first + '–' + m.block.last },
        { label: 'Detail', render: (m) => [m.tradeId ? 'trade ' + m.tradeId : null, m.auctionId ? 'auction ' +
          m.auctionId : null, m.price ? 'at ' + money(m.price) : null, m.year ? 'year ' + m.year : null]
          .filter(Boolean).join(', ') || '–' },
      ], history.movements, { id: 'serial-movements', empty: 'No movements' }));
  } catch (error) {
    clear(serialBox).append(errorBox(error));
  }
}

serialForm.addEventListener('submit', (event) => {
  event.preventDefault();
  showSerial(serialInstrument.value, serialNumber.value);
});

if (params.get('serial')) {
  serialInstrument.value = params.get('instrument') || serialInstrument.value;
  serialNumber.value = params.get('serial');
  showSerial(serialInstrument.value, serialNumber.value);
}
loadAccounts();
