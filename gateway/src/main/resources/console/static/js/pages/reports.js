// Reports: every report of GET /reports/{kind} as CSV, JSON or Parquet for any trading day the journal has (or any closed
// compliance year), with a preview of its rows; for regulators also the analytic store's tables as Parquet
// (GET /export/{table}?format=parquet). The links are plain GETs that the session cookie signs in, so the browser
// downloads exactly what the API answers, refusals included.
import { startPage, pageHead, session } from '../layout.js';
import { getJson } from '../api.js';
import { badge, clear, el, errorBox, panel, table } from '../ui.js';
import { complianceYears, daySelect, readReports, tradingDays } from '../reporting.js';

const main = await startPage('reports', 'Reports');
const params = new URLSearchParams(location.search);
const regulator = session.role === 'REGULATOR';

const KINDS = [
  { kind: 'market', title: 'Market', desc: 'per instrument: open, high, low, close, volume, turnover, trades' },
  { kind: 'settlement', title: 'Settlement statements', desc: 'per account: opening balances, every movement, ' +
    'closing balances and their check', account: true },
  { kind: 'auctions', title: 'Auctions', desc: 'every bid\u2019s allocation and each auction\u2019s result' },
  { kind: 'registry-log', title: 'Registry log', desc: 'every unit movement by exact serial block, and who did it',
    regulatorOnly: true },
  { kind: 'large-holders', title: 'Large holders',
    desc: 'holdings of at least 100,000 t at the close, with their share',
    regulatorOnly: true },
  { kind: 'compliance', title: 'Compliance assessment', desc: 'a closed year\u2019s assessment per enterprise, and ' +
    'the totals', yearly: true },
];
// The analytic store's tables (StoreSchema, less its progress row), exported as Parquet by GET /export/{table}.
const STORE_TABLES = ['trades', 'block_trades', 'orders', 'serial_blocks', 'registry_changes', 'cash_movements',
  'auction_bids', 'auction_allocations', 'auction_results', 'auction_cancellations', 'allocations', 'surrenders',
  'compliance_assessments', 'compliance_closes', 'fines', 'day_closes', 'instrument_closes', 'balances', 'outstanding',
  'alerts'];

const errors = el('div', { id: 'errors' });
const tools = el('form', { class: 'inline', id: 'period-form' });
const listBox = el('div', { id: 'reports-box' });
const previewBox = el('div', { id: 'preview-box', class: 'preview' },
  el('div', { class: 'empty' }, 'Choose Preview on a report to see its rows here'));
const previewPanel = panel('Preview', { id: 'preview-panel', flush: true }, previewBox);
main.append(pageHead('Reports', 'Download any report for any trading day or compliance year', tools), errors,
  panel('Reports', { flush: true, hint: 'CSV for spreadsheets, JSON for programs, Parquet for a warehouse' }, listBox),
  el('div', { style: 'height:16px' }), previewPanel);

let dayPicker;
let yearPicker;
const accountPicker = el('select', { id: 'account', 'aria-label': 'Account' });

function query(spec, format) {
  const q = new URLSearchParams();
  if (spec.yearly) q.set('year', yearPicker.value);
  else q.set('date', dayPicker.value);
  if (spec.account && accountPicker.value) q.set('account', accountPicker.value);
  q.set('format', format);
  return '/reports/' + spec.kind + '?' + q.toString();
}

function fileName(spec, format) {
  const period = spec.yearly ? yearPicker.value : dayPicker.value;
  const account = spec.account && accountPicker.value ? '-' + accountPicker.value : '';
  return spec.kind + '-' + period + account + '.' + format;
}

function renderList() {
  const visible = KINDS.filter((k) => regulator || !k.regulatorOnly);
  const noYear = !yearPicker.value;
  clear(listBox).append(table([
    { label: 'Report', render: (k) => el('div', {}, el('div', { class: 'kind-name' }, k.title),
      el('div', { class: 'kind-desc' }, k.desc)) },
    { label: 'Period', render: (k) => (k.yearly ?
      (noYear ? badge('no closed year', null) : 'year ' + yearPicker.value) :
      dayPicker.value === 'open' ? 'open day' : dayPicker.value) },
    { label: 'Scope', render: (k) => (k.account ? (accountPicker.value ? 'account ' + accountPicker.value :
      'every account') : k.regulatorOnly ? badge('regulator', 'info') : 'everyone') },
    { label: 'Download', render: (k) => (k.yearly && noYear ? '–' : el('div', { class: 'downloads' },
      ['csv', 'json', 'parquet'].map((f) => el('a', { class: 'button ' + f, id: 'download-' + k.kind + '-' + f,
        href: query(k, f), download: fileName(k, f) }, f.toUpperCase())))) },
    { label: '', render: (k) => (k.yearly && noYear ? '' : el('button', { class: 'secondary', type: 'button',
      id: 'preview-' + k.kind, onclick: () => preview(k) }, 'Preview')) },
  ], visible, { id: 'reports' }));
}

async function preview(spec) {
  const path = query(spec, 'json');
  previewPanel.querySelector('header h2').textContent = 'Preview: ' + spec.title;
  clear(previewBox).append(el('div', { class: 'empty' }, 'Building ' + path + '…'));
  try {
    const [report] = await readReports([path]);
    const rows = report.rows;
    const columns = rows.length ? Object.keys(rows[0]) : [];
    clear(previewBox).append(
      el('div', { class: 'kind-desc', style: 'padding:8px 14px' }, rows.length + ' rows' +
        (rows.length > 200 ? ', the first 200 shown' : '') + ' · ' + path),
      table(columns.map((c) => ({ label: c, render: (r) => (r[c] === '' || r[c] === null ? '–' : String(r[c])),
        num: typeof rows[0][c] === 'number' })), rows.slice(0, 200), { id: 'preview', empty: 'No rows' }));
    if (!rows.length) previewBox.append(el('div', { class: 'empty', id: 'preview-empty' }, 'The report has no rows.'));
  } catch (error) {
    clear(previewBox).append(el('div', { style: 'padding:12px 14px' }, errorBox(error)));
  }
}

function storePanel() {
  return panel('Analytic store tables (Parquet)', { id: 'parquet-panel',
    hint: 'for a warehouse: GET /export/{table}?format=parquet' },
  el('p', { class: 'lead' }, 'Every table of the analytic store, whole, as Apache Parquet. Served by the analytic ' +
    'store; a server without it answers 404.'),
  el('div', { class: 'downloads', id: 'parquet-links' }, STORE_TABLES.map((t) => el('a', { class: 'button parquet',
    href: '/export/' + t + '?format=parquet', download: t + '.parquet', id: 'parquet-' + t }, t))));
}

try {
  const [days, years, accounts] = await Promise.all([tradingDays(),
    complianceYears(), getJson('/accounts')]);
  dayPicker = daySelect('day', days, params.get('date') && days.includes(params.get('date')) ? params.get('date') :
    days[0]);
  const closed = years.filter((y) => y.state === 'CLOSED');
  yearPicker = el('select', { id: 'report-year', 'aria-label': 'Compliance year' },
    closed.length ? closed.map((y) => el('option', { value: y.year }, String(y.year))) :
      el('option', { value: '' }, 'none closed yet'));
  if (params.get('year')) yearPicker.value = params.get('year');
  if (regulator) accountPicker.append(el('option', { value: '' }, 'All accounts'));
  for (const a of accounts.accounts) {
    accountPicker.append(el('option', { value: a.account }, a.account + (a.name ? ' · ' + a.name : '')));
  }
  tools.append(el('label', {}, 'Trading day', dayPicker), el('label', {}, 'Compliance year', yearPicker),
    el('label', {}, 'Statements of', accountPicker));
  for (const picker of [dayPicker, yearPicker, accountPicker]) picker.addEventListener('change', renderList);
  renderList();
  if (!regulator) {
    listBox.append(el('div', { class: 'kind-desc', style: 'padding:10px 14px' }, 'The registry log and the ' +
      'large-holder report are the regulator\u2019s; settlement statements are those of your accounts.'));
  }
  if (regulator) main.append(el('div', { style: 'height:16px' }), storePanel());
} catch (error) {
  errors.append(errorBox(error));
}
