// Compliance: one compliance year's ledger per enterprise (GET /compliance/{year}: the API shows an enterprise or
// broker only the accounts it may act for), with status colours, totals, the deadline's countdown, and a chart of the
// surrenders over time: a regulator's from the registry log (GET /reports/registry-log, its SURRENDER rows of the
// year, timed to the command), anyone else's from its settlement statements (GET /reports/settlement?account=, the
// SURRENDER lines of the year, by trading day).
import { getJson } from '../api.js';
import { startPage, pageHead, session } from '../layout.js';
import { badge, clear, el, errorBox, money, panel, qty, table } from '../ui.js';
import { createChart } from '../charts.js';
import {
  complianceYears, deadlineInstant, duration, FINE_TONES, readReports, STATUS_TONES, tradingDays,
} from '../reporting.js';

const main = await startPage('compliance', 'Compliance');
const params = new URLSearchParams(location.search);
const regulator = session.role === 'REGULATOR';

const yearPicker = el('select', { id: 'year', 'aria-label': 'Compliance year' });
const errors = el('div', { id: 'errors' });
const statsBox = el('div', { class: 'stats', id: 'stats' });
const tableBox = el('div', { id: 'ledger-box', class: 'scroll' }, el('div', { class: 'empty' }, 'Loading…'));
const chartNode = el('div', { class: 'chart tall', id: 'chart-progress' });
const chartNote = el('span', { class: 'hint', id: 'progress-note' }, '');
const ledgerPanel = panel('Enterprises', { id: 'ledger-panel', flush: true }, tableBox);
ledgerPanel.querySelector('header').append(el('div', { class: 'legend' },
  el('span', {}, el('i', { style: 'background:var(--good)' }), 'complete / met'),
  el('span', {}, el('i', { style: 'background:#d99a00' }), 'late'),
  el('span', {}, el('i', { style: 'background:var(--bad)' }), 'incomplete / outstanding'),
  el('span', {}, el('i', { style: 'background:var(--info)' }), 'in progress / reopened')));
const progressPanel = panel('Surrender progress', {}, chartNode);
progressPanel.querySelector('header').append(chartNote);

main.append(
  pageHead('Compliance', regulator ? 'Every covered enterprise: obligation, surrenders, shortfall and fines' :
    'Your accounts\u2019 obligation, surrenders, shortfall and fines', el('label', {}, 'Year '), yearPicker,
    regulator ? el('a', { class: 'button', href: '/console/actions', id: 'to-actions' }, 'Regulator actions') : null),
  errors, statsBox, ledgerPanel, el('div', { style: 'height:16px' }), progressPanel);

const chart = createChart(chartNode);
let ticker = null;
let names = new Map();

/** What a row's status is: the assessment once closed; while open, whether the enterprise has met its obligation. */
function statusOf(row, ledger, deadlinePassed) {
  if (ledger.state === 'CLOSED') return row.status || '–';
  if (row.remainingObligation === 0 && row.obligation > 0) return row.surrenderedLate > 0 ? 'LATE' : 'MET';
  return deadlinePassed ? 'OUTSTANDING' : 'IN PROGRESS';
}

function progress(row, status) {
  const surrendered = row.allowancesSurrendered + row.offsetsSurrendered;
  const pct = row.obligation > 0 ? Math.min(100, (100 * surrendered) / row.obligation) : 0;
  const fill = el('div', { class: 'fill' + (status === 'LATE' ? ' late' :
    status === 'INCOMPLETE' || status === 'OUTSTANDING' ? ' short' : '') });
  fill.style.width = pct.toFixed(1) + '%';
  return el('div', { class: 'progress' }, el('div', { class: 'track' }, fill),
    el('span', { class: 'pct' }, Math.floor(pct) + '%'));
}

function fine(row) {
  if (!row.fineStatus) {
    return row.penalty && row.penalty !== '0.00' ? '–' : el('span', { class: 'kind-desc' }, 'none');
  }
  return el('div', { class: 'fine' }, badge(row.fineStatus, FINE_TONES[row.fineStatus]),
    el('span', { class: 'kind-desc' }, row.fineReference ? 'ref. ' + row.fineReference :
      row.fineDue ? 'due ' + new Date(row.fineDue).toISOString().substring(0, 10) : ''));
}

/** A deadline as people read it: a date as it is (it ends that day), an instant in UTC to the second. */
function deadlineText(text) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text + ' (end of day)';
  // as the console writes times (2026-12-07 18:14:00), in UTC as the API gives it
  return new Date(text).toISOString().replace('T', ' ').substring(0, 19) + ' UTC';
}

function renderStats(ledger, deadline) {
  const rows = ledger.enterprises;
  const sum = (f) => rows.reduce((a, r) => a + (f(r) || 0), 0);
  const obligation = sum((r) => r.obligation);
  const surrendered = sum((r) => r.allowancesSurrendered + r.offsetsSurrendered);
  const closed = ledger.state === 'CLOSED';
  const penalties = sum((r) => Math.round(Number(r.penalty || 0) * 100)) / 100;
  clear(statsBox).append(...[
    el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Year ' + ledger.year),
      el('div', { class: 'value small', id: 'state' }, badge(ledger.state, closed ? null : 'good')),
      el('div', { class: 'note' }, 'as of command ' + ledger.sequence)),
    el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Deadline'),
      el('div', { class: 'value small', id: 'deadline', title: ledger.deadline }, deadlineText(ledger.deadline)),
      el('div', { class: 'note countdown', id: 'countdown' }, '')),
    el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Enterprises'),
      el('div', { class: 'value', id: 'enterprises' }, String(rows.length))),
    el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Obligation (t)'),
      el('div', { class: 'value', id: 'total-obligation' }, qty(obligation))),
    el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Surrendered (t)'),
      el('div', { class: 'value', id: 'total-surrendered' }, qty(surrendered)),
      el('div', { class: 'note' },
        obligation ? ((100 * surrendered) / obligation).toFixed(1) + '% of obligation' : '')),
    closed ? el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Shortfall (t)'),
      el('div', { class: 'value', id: 'total-shortfall' }, qty(sum((r) => r.shortfall)))) :
      el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Still to surrender (t)'),
        el('div', { class: 'value', id: 'total-remaining' }, qty(sum((r) => r.remainingObligation)))),
    closed ? el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Penalties'),
      el('div', { class: 'value small', id: 'total-penalty' }, money(penalties.toFixed(2)))) : null].filter(Boolean));

  clearInterval(ticker);
  const countdown = document.getElementById('countdown');
  const tick = () => {
    const left = deadline.at.getTime() - Date.now();
    const approx = deadline.dateOnly ? '≈ ' : '';
    if (closed) {
      countdown.textContent = 'year closed';
      countdown.className = 'note countdown';
    } else if (left > 0) {
      countdown.textContent = approx + duration(left) + ' left';
      countdown.className = 'note countdown' + (left < 7 * 86400000 ? ' soon' : '');
    } else {
      countdown.textContent = 'passed ' + approx + duration(left) + ' ago';
      countdown.className = 'note countdown passed';
    }
  };
  tick();
  ticker = setInterval(tick, 1000);
}

function renderTable(ledger, deadline) {
  const passed = deadline.at.getTime() <= Date.now();
  const closed = ledger.state === 'CLOSED';
  const rows = ledger.enterprises.map((r) => ({ ...r, shown: statusOf(r, ledger, passed) }));
  const columns = [
    { label: 'Enterprise', render: (r) => (r.total ? el('strong', {}, 'Total') : el('div', { class: 'who' },
      el('span', { class: 'mono' }, String(r.account)), el('span', { class: 'name' }, names.get(r.account) || ''))) },
    { label: 'Status', render: (r) => (r.total ? '' : badge(r.shown, STATUS_TONES[r.shown])) },
    { label: 'Obligation (t)', num: true, render: (r) => el('span', { title: 'emissions ' + qty(r.emissions) +
      ', carried forward ' + qty(r.carriedForward || 0) + ', allocated ' + qty(r.allocated) }, qty(r.obligation)) },
    { label: 'Allowances', num: true, render: (r) => qty(r.allowancesSurrendered) },
    { label: 'Offsets', num: true, render: (r) => qty(r.offsetsSurrendered) },
    { label: 'Late', num: true, render: (r) => qty(r.surrenderedLate) },
    closed ? { label: 'Shortfall', num: true, render: (r) => qty(r.shortfall),
      cls: '' } : { label: 'Remaining', num: true, render: (r) => qty(r.remainingObligation) },
    { label: 'Progress', render: (r) => progress(r, r.shown) },
  ].concat(closed ? [
    { label: 'Penalty', num: true, render: (r) => money(r.penalty) },
    { label: 'Fine', render: (r) => (r.total ? r.fineSummary : fine(r)) },
  ] : []);
  const all = rows.slice();
  if (rows.length > 1) {
    const sum = (k) => rows.reduce((a, r) => a + (r[k] || 0), 0);
    const fines = {};
    rows.forEach((r) => { if (r.fineStatus) fines[r.fineStatus] = (fines[r.fineStatus] || 0) + 1; });
    all.push({ total: true, account: 'TOTAL', emissions: sum('emissions'), obligation: sum('obligation'),
      allocated: sum('allocated'), allowancesSurrendered: sum('allowancesSurrendered'),
      offsetsSurrendered: sum('offsetsSurrendered'), surrenderedLate: sum('surrenderedLate'),
      shortfall: sum('shortfall'), remainingObligation: sum('remainingObligation'), shown: '',
      penalty: (rows.reduce((a, r) => a + Math.round(Number(r.penalty || 0) * 100), 0) / 100).toFixed(2),
      fineSummary: Object.entries(fines).map(([k, v]) => k + ' ' + v).join(', ') || 'none' });
  }
  clear(tableBox).append(table(columns, all, {
    id: 'ledger', class: 'ledger', empty: regulator ? 'No enterprise has emissions or allocations in this year yet' :
      'None of your accounts is covered in this year',
    rowClass: (r) => (r.total ? 'total' : 'st-' + (STATUS_TONES[r.shown] || 'none')),
  }));
}

const PALETTE = ['#175cd3', '#6941c6', '#1f7a8c', '#c4320a', '#0f3d3e', '#b54708', '#027a48', '#c11574'];

function progressChart(ledger, deadline, points, timed) {
  const obligations = new Map(ledger.enterprises.map((r) => [r.account, r.obligation]));
  const accounts = [...new Set(points.map((p) => p.account))].filter((a) => obligations.get(a) > 0)
    .sort((a, b) => a - b);
  const start = points.length ? Math.min(...points.map((p) => p.at)) : 0;
  // each line runs on to the latest surrender (or the deadline, once passed), so a finished enterprise stays in view
  const end = points.length ? Math.max(...points.map((p) => p.at),
    deadline.at.getTime() <= Date.now() ? deadline.at.getTime() : 0) : 0;
  const series = accounts.map((account, i) => {
    let cumulative = 0;
    const data = timed ? [[start, 0]] : [];
    for (const p of points.filter((q) => q.account === account)) {
      cumulative += p.quantity;
      const pct = Number(((100 * cumulative) / obligations.get(account)).toFixed(2));
      data.push(timed ? [p.at, pct] : [p.day, pct]);
    }
    if (timed && data[data.length - 1][0] < end) data.push([end, data[data.length - 1][1]]);
    return {
      name: String(account) + (names.get(account) ? ' ' + names.get(account) : ''), type: timed ? 'line' : 'bar',
      step: timed ? 'end' : undefined, barMaxWidth: 36, data, symbolSize: 6, lineStyle: { width: 2 },
      color: PALETTE[i % PALETTE.length],
      label: timed ? undefined : { show: true, position: 'top', formatter: (p) => p.value[1] + '%', color: '#4a5866' },
    };
  });
  const marks = [{ yAxis: 100, name: 'obligation', lineStyle: { color: '#1a7f4b', type: 'dashed' },
    label: { formatter: 'obligation met', color: '#1a7f4b' } }];
  if (timed) {
    marks.push({ xAxis: deadline.at.getTime(), name: 'deadline', lineStyle: { color: '#b42318', type: 'dashed' },
      label: { formatter: 'deadline', color: '#b42318' } });
  }
  if (series.length) {
    series[0].markLine = { symbol: 'none', silent: true, data: marks };
  }
  const days = [...new Set(points.map((p) => p.day))];
  const times = points.map((p) => p.at).concat(timed ? [deadline.at.getTime()] : []);
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
  chart.setOption({
    animation: false,
    title: series.length ? { show: false } : { show: true, text: 'No surrenders for ' + ledger.year + ' yet',
      left: 'center', top: 'middle', textStyle: { color: '#7b8794', fontSize: 13, fontWeight: 'normal' } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => v + '%' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 90, top: 36, bottom: 30 },
    xAxis: timed ? {
      type: 'time', min: times.length ? Math.min(...times) - span * 0.05 - 1000 : null,
      max: times.length ? Math.max(...times) + span * 0.05 + 1000 : null,
      axisLine: { lineStyle: { color: '#c8d1db' } }, axisLabel: { color: '#4a5866', hideOverlap: true },
    } : { type: 'category', data: days, axisLine: { lineStyle: { color: '#c8d1db' } },
      axisLabel: { color: '#4a5866' } },
    yAxis: { type: 'value', min: 0, max: (v) => Math.max(110, Math.ceil(v.max / 10) * 10),
      axisLabel: { color: '#4a5866', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#edf1f5' } } },
    series,
  }, true);
}

async function loadProgress(ledger, deadline) {
  chartNote.textContent = 'reading reports…';
  try {
    const days = (await tradingDays()).slice(0, 90).reverse();
    const points = [];
    if (regulator) {
      await readReports(days.map((d) => '/reports/registry-log?date=' + d), (answer) => {
        for (const row of answer.rows) {
          if (row.operation === 'SURRENDER' && String(row.reference) === String(ledger.year)) {
            points.push({ account: Number(row.from), quantity: Number(row.quantity), at: new Date(row.time).getTime(),
              day: answer.date, sequence: Number(row.sequence) });
          }
        }
      });
      points.sort((a, b) => a.sequence - b.sequence);
      // one surrender moves one or more serial blocks, each a row: one point per command
      for (let i = points.length - 1; i > 0; i--) {
        if (points[i].sequence === points[i - 1].sequence && points[i].account === points[i - 1].account) {
          points[i - 1].quantity += points[i].quantity;
          points.splice(i, 1);
        }
      }
      chartNote.textContent = 'cumulative % of obligation, from the registry log\u2019s surrenders';
    } else {
      const accounts = ledger.enterprises.map((r) => r.account);
      const paths = [];
      for (const d of days) for (const a of accounts) paths.push('/reports/settlement?date=' + d + '&account=' + a);
      await readReports(paths, (answer) => {
        for (const row of answer.rows) {
          if (row.line === 'SURRENDER' && row.reference === 'year ' + ledger.year) {
            points.push({ account: Number(row.account), quantity: -Number(row.units), day: answer.date === 'open' ?
              'open day' : answer.date, at: 0 });
          }
        }
      });
      chartNote.textContent = 'cumulative % of obligation by trading day, from your settlement statements';
    }
    progressChart(ledger, deadline, points, regulator);
  } catch (error) {
    chartNote.textContent = '';
    chart.clear();
    errors.append(errorBox(error));
  }
}

async function show(year) {
  clear(errors);
  try {
    const ledger = await getJson('/compliance/' + encodeURIComponent(year));
    const deadline = deadlineInstant(ledger.deadline);
    renderStats(ledger, deadline);
    renderTable(ledger, deadline);
    document.querySelector('#ledger-panel h2').textContent = 'Enterprises in ' + ledger.year;
    await loadProgress(ledger, deadline);
  } catch (error) {
    clear(tableBox).append(errorBox(error));
  }
}

try {
  const [years, accounts] = await Promise.all([complianceYears(),
    getJson('/accounts')]);
  names = new Map(accounts.accounts.map((a) => [a.account, a.name]));
  if (!years.length) {
    clear(tableBox).append(el('div', { class: 'empty', id: 'no-years' }, 'No compliance year has been opened yet' +
      (regulator ? ': open one on the Regulator actions page.' : '.')));
    chart.setOption({ title: { show: true, text: 'No compliance year', left: 'center', top: 'middle',
      textStyle: { color: '#7b8794', fontSize: 13, fontWeight: 'normal' } } });
  } else {
    for (const y of years) {
      yearPicker.append(el('option', { value: y.year }, y.year + ' · ' + y.state.toLowerCase()));
    }
    yearPicker.value = params.get('year') || String(years[0].year);
    yearPicker.addEventListener('change', () => {
      params.set('year', yearPicker.value);
      history.replaceState(null, '', '?' + params.toString());
      show(yearPicker.value);
    });
    await show(yearPicker.value);
  }
} catch (error) {
  errors.append(errorBox(error));
}
