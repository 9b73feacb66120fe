// Market: one instrument's phase, band and day figures, its daily and intraday charts, and the live book and trades
// from the server-sent event stream /console/stream (no reload, no polling).
import { getJson } from '../api.js';
import { startPage, pageHead, session } from '../layout.js';
import { badge, clear, el, errorBox, money, panel, phaseTone, qty, stat, table, time } from '../ui.js';
import { createChart, showDaily, showIntraday } from '../charts.js';

const main = await startPage('market', 'Market');
const params = new URLSearchParams(location.search);
let symbol = params.get('instrument') || session.instruments[0];

const picker = el('select', { id: 'instrument', 'aria-label': 'Instrument' },
  session.instruments.map((s) => el('option', { value: s, selected: s === symbol }, s)));
const live = el('span', { class: 'live', id: 'live' }, el('span', { class: 'dot' }), el('span', {}, 'Connecting…'));
const errors = el('div', { id: 'errors' });

const daily = panel('Daily price and volume', { hint: 'trading days' }, el('div', { class: 'chart', id: 'chart-daily' }));
const intraday = panel('Intraday', { hint: 'by minute, latest trading day' },
  el('div', { class: 'chart', id: 'chart-intraday' }));
const bids = el('div', { id: 'bids' });
const asks = el('div', { id: 'asks' });
const book = panel('Order book', { hint: 'aggregated by price, best 10', flush: true },
  el('div', { class: 'grid two', style: 'gap:0;margin:0' }, bids, asks));
const tradesBox = el('div', { id: 'trades-box' });
const trades = panel('Trades', { hint: 'latest first', flush: true }, tradesBox);
const overviewBox = el('div', { id: 'overview-box' });
const overview = panel('All instruments', { hint: 'today, select one to watch it', flush: true }, overviewBox);

main.append(
  pageHead('Market', 'Live order book, trades and prices', el('label', {}, 'Instrument '), picker, live),
  errors,
  el('div', { class: 'stats' },
    el('div', { class: 'stat' }, el('div', { class: 'label' }, 'Phase'), el('div', { class: 'value small', id: 'phase' }, '–')),
    stat('Last', 'last', { note: '' }),
    stat('Reference price', 'reference', { small: true }),
    stat('Price band', 'band', { small: true }),
    stat('Open / high / low', 'range', { small: true }),
    stat('Volume (t)', 'volume', { note: '' })),
  el('div', { class: 'grid two' }, daily, intraday),
  el('div', { class: 'grid book' }, book, trades),
  overview);

const dailyChart = createChart(document.getElementById('chart-daily'));
const intradayChart = createChart(document.getElementById('chart-intraday'));
let recent = [];
let stream = null;
let barsTimer = null;

function renderMarket(market, first) {
  const phase = document.getElementById('phase');
  clear(phase).append(badge(market.phase.replace('_', ' '), phaseTone(market.phase)));
  const last = market.day.last;
  document.getElementById('last').textContent = last ? money(last) : '–';
  const note = document.getElementById('last-note');
  if (last && market.referencePrice) {
    const change = Number(last) - Number(market.referencePrice);
    const percent = (100 * change) / Number(market.referencePrice);
    note.textContent = (change >= 0 ? '+' : '') + change.toFixed(2) + ' (' + percent.toFixed(2) + '%) vs reference';
    note.className = 'note ' + (change > 0 ? 'up' : change < 0 ? 'down' : '');
  } else {
    note.textContent = 'no trade today';
    note.className = 'note';
  }
  document.getElementById('reference').textContent = money(market.referencePrice);
  document.getElementById('band').textContent =
    market.band.high ? money(market.band.low) + ' – ' + money(market.band.high) : 'no band';
  document.getElementById('range').textContent = market.day.open ?
    [market.day.open, market.day.high, market.day.low].map(money).join(' / ') : '–';
  document.getElementById('volume').textContent = qty(market.day.volume);
  document.getElementById('volume-note').textContent = 'turnover ' + money(market.day.turnover);

  renderBook(market);
  const fresh = first ? [] : market.trades.map((t) => t.number);
  recent = (first ? market.trades : market.trades.concat(recent)).slice(0, 50);
  renderTrades(new Set(fresh));
  if (!first && market.trades.length) {
    clearTimeout(barsTimer);
    barsTimer = setTimeout(() => {
      loadBars();
      loadOverview();
    }, 800);
  }
}

function change(row) {
  if (!row.day.last || !row.referencePrice) return '–';
  const delta = Number(row.day.last) - Number(row.referencePrice);
  const percent = (100 * delta) / Number(row.referencePrice);
  return el('span', { class: delta > 0 ? 'up' : delta < 0 ? 'down' : null },
    (delta >= 0 ? '+' : '') + percent.toFixed(2) + '%');
}

async function loadOverview() {
  try {
    const answer = await getJson('/market');
    clear(overviewBox).append(table([
      { label: 'Instrument', render: (m) => el('strong', {}, m.instrument) },
      { label: 'Phase', render: (m) => badge(m.phase.replace('_', ' '), phaseTone(m.phase)) },
      { label: 'Last', num: true, render: (m) => money(m.day.last) },
      { label: 'Change', num: true, render: change },
      { label: 'Reference', num: true, render: (m) => money(m.referencePrice) },
      { label: 'Band', num: true, render: (m) => (m.band.high ? money(m.band.low) + ' – ' + money(m.band.high) : '–') },
      { label: 'Volume (t)', num: true, render: (m) => qty(m.day.volume) },
      { label: 'Turnover', num: true, render: (m) => money(m.day.turnover) },
    ], answer.instruments, {
      id: 'overview',
      rowClass: (m) => 'selectable' + (m.instrument === symbol ? ' selected' : ''),
      onRow: (m, tr) => tr.addEventListener('click', () => {
        picker.value = m.instrument;
        picker.dispatchEvent(new Event('change'));
      }),
    }));
  } catch (error) {
    clear(overviewBox).append(errorBox(error));
  }
}

function renderBook(market) {
  const most = Math.max(1, ...market.bids.map((l) => l.quantity), ...market.asks.map((l) => l.quantity));
  const depth = (level, side) => {
    const bar = el('div', { class: 'bar ' + side });
    bar.style.width = Math.round((100 * level.quantity) / most) + '%';
    return [bar, el('span', {}, qty(level.quantity))];
  };
  clear(bids).append(table([
    { label: 'Bid quantity (t)', num: true, cls: 'depth', render: (l) => depth(l, 'bid') },
    { label: 'Bid', num: true, cls: 'bid', render: (l) => money(l.price) },
  ], market.bids, { id: 'book-bids', class: 'book', empty: 'No bids' }));
  clear(asks).append(table([
    { label: 'Ask', num: true, cls: 'ask', render: (l) => money(l.price) },
    { label: 'Ask quantity (t)', num: true, cls: 'depth', render: (l) => depth(l, 'ask') },
  ], market.asks, { id: 'book-asks', class: 'book', empty: 'No offers' }));
}

function renderTrades(fresh) {
  clear(tradesBox).append(table([
    { label: 'Time', render: (t) => time(t.time) },
    { label: 'Price', num: true, render: (t) => money(t.price) },
    { label: 'Quantity (t)', num: true, render: (t) => qty(t.quantity) },
  ], recent, { id: 'trades', empty: 'No trades yet',
    rowClass: (t) => (fresh.has(t.number) ? 'flash' : null) }));
}

async function loadBars() {
  try {
    const [day, minute] = await Promise.all([
      getJson('/analytics/bars?instrument=' + encodeURIComponent(symbol) + '&interval=day'),
      getJson('/analytics/bars?instrument=' + encodeURIComponent(symbol) + '&interval=minute'),
    ]);
    showDaily(dailyChart, day.bars);
    showIntraday(intradayChart, minute.bars);
  } catch (error) {
    errors.append(errorBox(error));
  }
}

function setLive(on, text) {
  live.className = 'live ' + (on ? 'on' : 'off');
  live.lastChild.textContent = text;
}

function connect() {
  if (stream) stream.close();
  recent = [];
  let first = true;
  stream = new EventSource('/console/stream?instrument=' + encodeURIComponent(symbol));
  stream.addEventListener('market', (event) => {
    renderMarket(JSON.parse(event.data), first);
    first = false;
    setLive(true, 'Live');
  });
  stream.addEventListener('error', () => {
    first = true;
    setLive(false, 'Reconnecting…');
  });
}

picker.addEventListener('change', () => {
  symbol = picker.value;
  history.replaceState(null, '', '?instrument=' + encodeURIComponent(symbol));
  clear(errors);
  connect();
  loadBars();
  loadOverview();
});

connect();
loadBars();
loadOverview();
