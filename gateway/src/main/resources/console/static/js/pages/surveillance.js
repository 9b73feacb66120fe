// Surveillance (regulators): the monitor's alerts (GET /surveillance/alerts; a server without the surveillance
// service answers 404, shown as such), the large holders at a day's close (GET /reports/large-holders) and the
// concentration of each instrument's outstanding units among them, drawn from the same report's shares.
import { getJson } from '../api.js';
import { startPage, pageHead } from '../layout.js';
import { badge, clear, el, errorBox, panel, qty, table, dateTime } from '../ui.js';
import { createChart } from '../charts.js';
import { daySelect, readReports, tradingDays } from '../reporting.js';

const main = await startPage('surveillance', 'Surveillance');
const params = new URLSearchParams(location.search);
const KIND_TONES = { WASH_TRADE_ATTEMPT: 'bad', LAYERING: 'bad', CONCENTRATION: 'warn', PRICE_NEAR_BAND: 'info' };
const KINDS = Object.keys(KIND_TONES);

const errors = el('div', { id: 'errors' });
const kindPicker = el('select', { id: 'alert-kind', 'aria-label': 'Alert kind' },
  el('option', { value: '' }, 'All kinds'),
  KINDS.map((k) => el('option', { value: k }, k.replace(/_/g, ' ').toLowerCase())));
const alertsBox = el('div', { id: 'alerts-box', class: 'scroll' }, el('div', { class: 'empty' }, 'Loading…'));
const countsBox = el('div', { class: 'kinds', id: 'alert-counts' });
const alertsPanel = panel('Alerts', { id: 'alerts-panel' }, countsBox, alertsBox);
alertsPanel.querySelector('header').append(el('span', { class: 'hint' }, 'latest 500, oldest first'), kindPicker);

const threshold = el('input', { id: 'threshold', type: 'text', inputmode: 'numeric', value: params.get('threshold') ||
  '100000', size: 9, 'aria-label': 'Threshold (t)' });
const holdersBox = el('div', { id: 'holders-box', class: 'scroll' }, el('div', { class: 'empty' }, 'Loading…'));
const holdersForm = el('form', { class: 'inline', id: 'holders-form' });
const holdersPanel = panel('Large holders', { id: 'holders-panel', flush: true }, holdersBox);
holdersPanel.querySelector('header').append(el('span', { class: 'hint' },
  'holdings at or above the threshold, at the close'));
const concentrationNode = el('div', { class: 'chart tall', id: 'chart-concentration' });
const concentrationPanel = panel('Concentration', { id: 'concentration-panel' }, concentrationNode);
concentrationPanel.querySelector('header').append(el('span', { class: 'hint' },
  'share of each instrument\u2019s outstanding units held by its large holders'));

main.append(pageHead('Surveillance', 'Market abuse alerts, large holders and concentration', holdersForm),
  errors, alertsPanel, el('div', { style: 'height:16px' }),
  el('div', { class: 'grid two' }, holdersPanel, concentrationPanel));

const concentration = createChart(concentrationNode);

function renderAlerts(alerts) {
  const counts = {};
  alerts.forEach((a) => { counts[a.kind] = (counts[a.kind] || 0) + 1; });
  clear(countsBox).append(...KINDS.map((k) => el('span', { class: 'badge ' + (counts[k] ? KIND_TONES[k] : '') },
    k.replace(/_/g, ' ') + ' · ' + (counts[k] || 0))));
  clear(alertsBox).append(table([
    { label: 'Command', key: 'sequence', mono: true },
    { label: 'Time', render: (a) => dateTime(a.time) },
    { label: 'Kind', render: (a) => badge(a.kind.replace(/_/g, ' '), KIND_TONES[a.kind]) },
    { label: 'Instrument', render: (a) => a.instrument || '–' },
    { label: 'Accounts', mono: true, render: (a) => (a.accounts && a.accounts.length ? a.accounts.join(', ') : '–') },
    { label: 'Broker', render: (a) => (a.broker ? String(a.broker) : '–') },
    { label: 'Detail', render: (a) => a.detail || '–' },
  ], alerts.slice().reverse(), { id: 'alerts', empty: 'No alerts' + (kindPicker.value ? ' of this kind' : '') }));
}

async function loadAlerts() {
  try {
    const kind = kindPicker.value ? '&kind=' + kindPicker.value : '';
    const answer = await getJson('/surveillance/alerts?limit=500' + kind);
    renderAlerts(answer.alerts || []);
  } catch (error) {
    clear(countsBox);
    clear(alertsBox).append(errorBox(error));
  }
}

function renderHolders(rows, limit) {
  clear(holdersBox).append(table([
    { label: 'Instrument', key: 'instrument' },
    { label: 'Account', render: (r) => el('span', {}, el('span', { class: 'mono' }, String(r.account)), ' ',
      el('span', { class: 'kind-desc' }, r.type.toLowerCase().replace('_', ' '))) },
    { label: 'Units (t)', num: true, render: (r) => qty(r.units) },
    { label: 'Outstanding', num: true, render: (r) => qty(r.outstanding) },
    { label: 'Share', render: (r) => {
      const share = Number(r.sharePercent);
      const fill = el('div', { class: 'fill' + (share >= 50 ? ' high' : share >= 25 ? ' mid' : '') });
      fill.style.width = Math.min(100, Number(r.sharePercent)) + '%';
      return el('div', { class: 'share' }, el('div', { class: 'track' }, fill),
        el('span', { class: 'pct' }, Number(r.sharePercent).toFixed(1) + '%'));
    } },
  ], rows, { id: 'holders', empty: 'No holding of ' + qty(limit) + ' t or more' }));

  const instruments = [...new Set(rows.map((r) => r.instrument))].sort();
  const accounts = [...new Set(rows.map((r) => String(r.account)))].sort();
  const share = (i, a) => {
    const row = rows.find((r) => r.instrument === i && String(r.account) === a);
    return row ? Number(Number(row.sharePercent).toFixed(2)) : 0;
  };
  const palette = ['#1f7a8c', '#d99a00', '#1a7f4b', '#6941c6', '#b42318', '#175cd3', '#0f3d3e'];
  const series = accounts.map((a, i) => ({ name: 'account ' + a, type: 'bar', stack: 'share', barMaxWidth: 28,
    color: palette[i % palette.length], data: instruments.map((ins) => share(ins, a)),
    label: { show: true, formatter: (p) => (p.value >= 8 ? p.value.toFixed(0) + '%' : ''), color: '#fff' } }));
  series.push({ name: 'others', type: 'bar', stack: 'share', barMaxWidth: 28, color: '#dde3ea',
    data: instruments.map((ins) => Number((100 - accounts.reduce((s, a) => s + share(ins, a), 0)).toFixed(2))) });
  concentration.setOption({
    animation: false,
    title: instruments.length ? { show: false } : { show: true, text: 'No large holders at this threshold',
      left: 'center', top: 'middle', textStyle: { color: '#7b8794', fontSize: 13, fontWeight: 'normal' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => v + '%' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 90, right: 24, top: 34, bottom: 24 },
    xAxis: { type: 'value', max: 100, axisLabel: { color: '#4a5866', formatter: '{value}%' },
      splitLine: { lineStyle: { color: '#edf1f5' } } },
    yAxis: { type: 'category', data: instruments, inverse: true, axisLabel: { color: '#4a5866' },
      axisLine: { lineStyle: { color: '#c8d1db' } } },
    series: instruments.length ? series : [],
  }, true);
}

async function loadHolders(day) {
  const limit = threshold.value.trim();
  try {
    const [report] = await readReports(['/reports/large-holders?date=' + encodeURIComponent(day) + '&threshold=' +
      encodeURIComponent(limit)]);
    renderHolders(report.rows, Number(limit));
  } catch (error) {
    clear(holdersBox).append(el('div', { class: 'pad' }, errorBox(error)));
    concentration.setOption({ title: { show: true, text: 'Not available', left: 'center', top: 'middle',
      textStyle: { color: '#7b8794', fontSize: 13, fontWeight: 'normal' } }, series: [] }, true);
  }
}

kindPicker.addEventListener('change', loadAlerts);
loadAlerts();
try {
  const days = await tradingDays();
  const selected = params.get('date') && days.includes(params.get('date')) ? params.get('date') : days[0];
  const picker = daySelect('day', days, selected);
  holdersForm.append(el('label', {}, 'Day', picker), el('label', {}, 'Threshold (t)', threshold),
    el('button', { class: 'primary', type: 'submit' }, 'Show'));
  holdersForm.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '?date=' + encodeURIComponent(picker.value) + '&threshold=' +
      encodeURIComponent(threshold.value.trim()));
    loadHolders(picker.value);
  });
  await loadHolders(selected);
} catch (error) {
  clear(holdersBox).append(el('div', { class: 'pad' }, errorBox(error)));
}
