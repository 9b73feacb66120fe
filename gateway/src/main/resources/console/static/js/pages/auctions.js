// Auctions: the primary auctions closed on a trading day (GET /reports/auctions?date=, which any signed-in user may
// read): each auction's result (clearing price, volume offered and sold, proceeds, cover) and its bid curve, the
// cumulative demand by price drawn from the report's ALLOCATION rows (every bid, in clearing order), against the
// volume offered.
import { startPage, pageHead } from '../layout.js';
import { badge, clear, el, errorBox, money, panel, qty, table } from '../ui.js';
import { createChart } from '../charts.js';
import { daySelect, readReports, tradingDays } from '../reporting.js';

const LOOK_BACK = 10;
const main = await startPage('auctions', 'Auctions');
const params = new URLSearchParams(location.search);
const errors = el('div', { id: 'errors' });
const list = el('div', { id: 'auctions' });
const tools = el('span', { class: 'tools-slot' });
main.append(pageHead('Primary auctions', 'Sealed-bid, uniform-price auctions closed on a trading day', tools),
  errors, list);

/** The auctions of one day's report: {id, result, cancelled, bids[]}, in the report's order. */
function group(rows) {
  const auctions = new Map();
  for (const row of rows) {
    const id = Number(row.auction);
    if (!auctions.has(id)) {
      auctions.set(id, { id, instrument: row.instrument, bids: [], result: null, cancelled: null });
    }
    const auction = auctions.get(id);
    if (row.line === 'ALLOCATION') auction.bids.push(row);
    else if (row.line === 'RESULT') auction.result = row;
    else if (row.line === 'CANCELLED') auction.cancelled = row;
  }
  return [...auctions.values()];
}

/** Cumulative demand by price: bids from the highest price down, the tonnes bid at or above each price. */
function demandCurve(bids) {
  const byPrice = new Map();
  for (const b of bids) byPrice.set(b.bidPrice, (byPrice.get(b.bidPrice) || 0) + Number(b.bidQuantity));
  const prices = [...byPrice.keys()].sort((a, b) => Number(b) - Number(a));
  let cumulative = 0;
  const points = [];
  for (const price of prices) {
    points.push([cumulative, Number(price)]);
    cumulative += byPrice.get(price);
    points.push([cumulative, Number(price)]);
  }
  return { points, total: cumulative, prices };
}

function drawCurve(node, auction) {
  const chart = createChart(node);
  const summary = auction.result || auction.cancelled;
  const offered = Number(summary.volumeOffered);
  const clearing = Number(summary.clearingPrice);
  const curve = demandCurve(auction.bids);
  const prices = curve.prices.map(Number).concat(clearing > 0 ? [clearing] : []);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const pad = Math.max((high - low) * 0.15, 1);
  const maxX = Math.max(curve.total, offered) * 1.1;
  const marks = [
    { xAxis: offered, name: 'offered', lineStyle: { color: '#0f3d3e', type: 'solid', width: 2 },
      label: { formatter: 'offered ' + qty(offered) + ' t', position: 'end', color: '#0f3d3e' } },
  ];
  if (clearing > 0) {
    marks.push({ yAxis: clearing, name: 'clearing', lineStyle: { color: '#b42318', type: 'dashed' },
      label: { formatter: 'clearing ' + money(summary.clearingPrice), position: 'insideEndTop', color: '#b42318' } });
  }
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis', formatter: (items) => items.map((i) => qty(i.value[0]) + ' t at or above ' +
      money(i.value[1].toFixed(2))).join('<br>') },
    grid: { left: 64, right: 30, top: 24, bottom: 44 },
    xAxis: { type: 'value', name: 'cumulative demand (t)', nameLocation: 'middle', nameGap: 28, min: 0, max: maxX,
      axisLabel: { color: '#4a5866', formatter: (v) => qty(Math.round(v)) },
      splitLine: { lineStyle: { color: '#edf1f5' } },
      axisLine: { lineStyle: { color: '#c8d1db' } } },
    yAxis: { type: 'value', name: 'price', min: Number((low - pad).toFixed(2)), max: Number((high + pad).toFixed(2)),
      axisLabel: { color: '#4a5866', formatter: (v) => v.toFixed(2) }, splitLine: { lineStyle: { color: '#edf1f5' } } },
    series: [{
      name: 'Demand', type: 'line', data: curve.points, showSymbol: false, lineStyle: { color: '#1f7a8c', width: 2.5 },
      areaStyle: { color: 'rgba(31,122,140,0.10)' }, markLine: { symbol: 'none', silent: true, data: marks },
      markPoint: clearing > 0 && auction.result ? { symbol: 'circle', symbolSize: 10, itemStyle: { color: '#b42318' },
        label: { show: false }, data: [{ coord: [Number(auction.result.volumeSold), clearing] }] } : undefined,
    }],
  });
  return chart;
}

function auctionPanel(auction) {
  const r = auction.result;
  const c = auction.cancelled;
  const status = r ? badge('CLEARED', 'good') : badge('CANCELLED', 'bad');
  const facts = r ? [
    ['Clearing price', money(r.clearingPrice)], ['Offered (t)', qty(r.volumeOffered)], ['Sold (t)', qty(r.volumeSold)],
    ['Proceeds', money(r.amount)], ['Bids / bidders / winners', r.bids + ' / ' + r.bidders + ' / ' + r.winners],
    ['Cover ratio', (Number(r.coverRatioBps) / 10000).toFixed(2) + '×'],
  ] : [['Reason', c.reason], ['Offered (t)', qty(c.volumeOffered)], ['Bids / bidders', c.bids + ' / ' + c.bidders],
    ['Clearing price', money(c.clearingPrice)]];
  const chartNode = el('div', { class: 'chart tall', id: 'curve-' + auction.id });
  const box = panel('Auction ' + auction.id + ' · ' + auction.instrument, { id: 'auction-' + auction.id },
    el('div', { class: 'grid two', style: 'margin:0' },
      el('div', {},
        el('div', { class: 'stats', style: 'grid-template-columns:repeat(3,minmax(0,1fr))' },
          facts.map(([label, value]) => el('div', { class: 'stat' }, el('div', { class: 'label' }, label),
            el('div', { class: 'value small' }, value)))),
        table([
          { label: 'Bid', key: 'bid', mono: true },
          { label: 'Account', key: 'account', mono: true },
          { label: 'Price', num: true, render: (b) => money(b.bidPrice) },
          { label: 'Bid (t)', num: true, render: (b) => qty(b.bidQuantity) },
          { label: 'Allocated (t)', num: true, render: (b) => qty(b.quantity), cls: '' },
          { label: 'Paid', num: true, render: (b) => (Number(b.quantity) > 0 ? money(b.amount) : '–') },
          { label: '', render: (b) => (Number(b.quantity) > 0 ? badge('WON', 'good') : badge('LOST', null)) },
        ], auction.bids, { id: 'bids-' + auction.id, class: 'bids', empty: 'No bids' })),
      el('div', {}, chartNode)));
  box.querySelector('header h2').after(status);
  box.querySelector('header').append(el('span', { class: 'hint' }, 'bid curve: cumulative demand by price'));
  return { box, chartNode, auction };
}

async function show(day) {
  clear(errors);
  clear(list).append(el('div', { class: 'empty' }, 'Loading…'));
  try {
    const [report] = await readReports(['/reports/auctions?date=' + encodeURIComponent(day)]);
    renderDay(day, group(report.rows));
  } catch (error) {
    clear(list);
    errors.append(errorBox(error));
  }
}

/**
 * Without a day in the address: the latest of the last few trading days that closed an auction (each day is a report
 * build, so the search stops there), else the open day.
 */
async function showLatest(days, picker) {
  clear(list).append(el('div', { class: 'empty' }, 'Loading…'));
  try {
    for (const day of days.slice(0, LOOK_BACK)) {
      const [report] = await readReports(['/reports/auctions?date=' + encodeURIComponent(day)]);
      const auctions = group(report.rows);
      if (auctions.length) {
        picker.value = day;
        renderDay(day, auctions);
        return;
      }
    }
    renderDay(days[0], [], Math.min(LOOK_BACK, days.length));
  } catch (error) {
    clear(list);
    errors.append(errorBox(error));
  }
}

function renderDay(day, auctions, searched) {
  clear(list);
  if (!auctions.length) {
    list.append(panel('No auctions', {}, el('div', { class: 'empty', id: 'no-auctions' }, searched > 1 ?
      'No auction was closed in the last ' + searched + ' trading days.' :
      'No auction was closed on ' + (day === 'open' ? 'the open day' : day) + '.')));
    return;
  }
  for (const auction of auctions) {
    const made = auctionPanel(auction);
    list.append(made.box, el('div', { style: 'height:16px' }));
    drawCurve(made.chartNode, auction);
  }
}

try {
  const days = await tradingDays();
  const selected = params.get('date') && days.includes(params.get('date')) ? params.get('date') : days[0];
  const picker = daySelect('day', days, selected);
  tools.append(el('label', {}, 'Day '), picker);
  picker.addEventListener('change', () => {
    history.replaceState(null, '', '?date=' + encodeURIComponent(picker.value));
    show(picker.value);
  });
  if (params.get('date') && days.includes(params.get('date'))) await show(selected);
  else await showLatest(days, picker);
} catch (error) {
  errors.append(errorBox(error));
}
