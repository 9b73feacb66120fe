// Price and volume charts with Apache ECharts (served from the jar at /console/lib/echarts.min.js, a global).
// Bars come from GET /analytics/bars: {time, open, high, low, close, volume, turnover}, money as decimal text.

const GREEN = '#1a7f4b';
const RED = '#b42318';
const AXIS = { axisLine: { lineStyle: { color: '#c8d1db' } }, axisLabel: { color: '#4a5866' } };
const SPLIT = { splitLine: { lineStyle: { color: '#edf1f5' } } };
// A price axis a little wider than the prices, also when they are all one price.
const margin = (v) => Math.max((v.max - v.min) * 0.1, v.max * 0.004, 0.01);
const PRICE_AXIS = {
  min: (v) => Math.floor((v.min - margin(v)) * 10) / 10,
  max: (v) => Math.ceil((v.max + margin(v)) * 10) / 10,
  // the padded ends are not round prices: label only the ticks between them
  axisLabel: { color: '#4a5866', formatter: (value) => value.toFixed(2), showMinLabel: false, showMaxLabel: false },
};

export function createChart(node) {
  const chart = echarts.init(node, null, { renderer: 'canvas' });
  new ResizeObserver(() => chart.resize()).observe(node);
  return chart;
}

function emptyTitle(bars) {
  return bars.length ? { show: false } : {
    show: true, text: 'No trades yet', left: 'center', top: 'middle',
    textStyle: { color: '#7b8794', fontSize: 13, fontWeight: 'normal' },
  };
}

function twoGrids() {
  return [
    { left: 56, right: 16, top: 16, height: '58%' },
    { left: 56, right: 16, top: '72%', bottom: 24 },
  ];
}

/** Daily candles with volume underneath. */
export function showDaily(chart, bars) {
  const days = bars.map((b) => b.time);
  chart.setOption({
    animation: false,
    title: emptyTitle(bars),
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: twoGrids(),
    xAxis: [
      { type: 'category', data: days, ...AXIS, axisLabel: { show: false } },
      { type: 'category', data: days, gridIndex: 1, ...AXIS },
    ],
    yAxis: [
      { ...AXIS, ...SPLIT, ...PRICE_AXIS },
      { gridIndex: 1, ...AXIS, splitNumber: 2, ...SPLIT },
    ],
    series: [
      {
        name: 'Price', type: 'candlestick',
        data: bars.map((b) => [Number(b.open), Number(b.close), Number(b.low), Number(b.high)]),
        itemStyle: { color: GREEN, color0: RED, borderColor: GREEN, borderColor0: RED },
        barMaxWidth: 18,
      },
      {
        name: 'Volume (t)', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, barMaxWidth: 18,
        data: bars.map((b) => ({ value: b.volume,
          itemStyle: { color: Number(b.close) >= Number(b.open) ? 'rgba(26,127,75,0.55)' : 'rgba(180,35,24,0.55)' } })),
      },
    ],
  }, true);
}

/** The day's minutes: the closing price of each minute as a line, its volume as bars. */
export function showIntraday(chart, bars) {
  const minutes = bars.map((b) => new Date(b.time).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }));
  chart.setOption({
    animation: false,
    title: emptyTitle(bars),
    tooltip: { trigger: 'axis' },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: twoGrids(),
    xAxis: [
      { type: 'category', data: minutes, ...AXIS, axisLabel: { show: false }, boundaryGap: false },
      { type: 'category', data: minutes, gridIndex: 1, ...AXIS },
    ],
    yAxis: [
      { ...AXIS, ...SPLIT, ...PRICE_AXIS },
      { gridIndex: 1, ...AXIS, splitNumber: 2, ...SPLIT },
    ],
    series: [
      {
        name: 'Price', type: 'line', step: 'end', showSymbol: bars.length < 30, symbolSize: 5,
        data: bars.map((b) => Number(b.close)), lineStyle: { color: '#1f7a8c', width: 2 },
        itemStyle: { color: '#1f7a8c' }, areaStyle: { color: 'rgba(31,122,140,0.08)' },
      },
      {
        name: 'Volume (t)', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, barMaxWidth: 14,
        data: bars.map((b) => b.volume), itemStyle: { color: 'rgba(31,122,140,0.5)' },
      },
    ],
  }, true);
}
