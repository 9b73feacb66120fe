// Small DOM helpers shared by every page: elements, tables, badges, numbers. No framework.

/** el('td', {class: 'num'}, 'text', childNode...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A panel: a titled white box; body is the node to fill. */
export function panel(title, { hint, id, flush } = {}, ...children) {
  const body = el('div', { class: flush ? 'body flush' : 'body' }, ...children);
  const box = el('section', { class: 'panel', id },
    el('header', {}, el('h2', {}, title), hint ? el('span', { class: 'hint' }, hint) : null), body);
  box.body = body;
  return box;
}

export function stat(label, id, { note, small } = {}) {
  return el('div', { class: 'stat' },
    el('div', { class: 'label' }, label),
    el('div', { class: small ? 'value small' : 'value', id }, '–'),
    note !== undefined ? el('div', { class: 'note', id: id + '-note' }, note) : null);
}

/**
 * A table. columns: [{label, key | value(row), num, mono, render(row) -> node}]; rows: objects.
 * options: {id, empty, rowClass(row), onRow(row, tr)}
 */
export function table(columns, rows, options = {}) {
  const head = el('tr', {}, columns.map((c) => el('th', { class: c.num ? 'num' : null }, c.label)));
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr', { class: options.rowClass ? options.rowClass(row) : null });
    for (const c of columns) {
      const content = c.render ? c.render(row) : (c.value ? c.value(row) : row[c.key]);
      tr.append(el('td', { class: [c.num ? 'num' : '', c.mono ? 'mono' : '', c.cls || ''].join(' ').trim() || null },
        content === null || content === undefined ? '–' : content));
    }
    if (options.onRow) options.onRow(row, tr);
    body.append(tr);
  }
  const node = el('table', { class: 'data ' + (options.class || ''), id: options.id }, el('thead', {}, head), body);
  if (rows.length === 0 && options.empty) {
    body.append(el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, options.empty)));
  }
  return node;
}

export function badge(text, tone) {
  return el('span', { class: 'badge' + (tone ? ' ' + tone : '') }, text);
}

/** The tone of a trading phase: trading green, halted red, before the open amber, closed grey. */
export function phaseTone(phase) {
  return { CONTINUOUS: 'good', HALTED: 'bad', PRE_OPEN: 'warn', CLOSED: null }[phase] || 'info';
}

const QUANTITY = new Intl.NumberFormat('en-US');

/** Tonnes with thousands separators. */
export function qty(value) {
  return value === null || value === undefined ? '–' : QUANTITY.format(value);
}

/** Money as the API gives it (decimal text) with thousands separators, keeping its two decimals. */
export function money(text) {
  if (text === null || text === undefined) return '–';
  const [whole, fraction = '00'] = String(text).split('.');
  return QUANTITY.format(Number(whole)) + '.' + fraction.padEnd(2, '0');
}

export function time(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

export function dateTime(iso) {
  if (!iso) return '–';
  // 2026-12-07 18:14:00, in the browser's time zone
  return new Date(iso).toLocaleString('sv-SE', { hour12: false });
}

/** Show an error in a container (replacing what it held): the API's message, which names what was refused. */
export function errorBox(error) {
  const status = error && error.status ? error.status : '';
  const title = status === 403 ? 'Not permitted' : status === 404 ? 'Not found' : status ? 'Error ' + status : 'Error';
  return el('div', { class: 'alert', role: 'alert' }, el('strong', {}, title), error.message || String(error));
}

export function setText(id, text) {
  const node = document.getElementById(id);
  if (node) node.textContent = text === null || text === undefined ? '–' : text;
}
