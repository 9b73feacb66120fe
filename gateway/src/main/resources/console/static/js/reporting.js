// What the reporting pages share: the trading days and compliance years the API knows, report reads one at a time
// (each report build replays the journal, and the API lets a user run one build at a time: 429 beyond), and the
// status colours of compliance.
import { ApiError, getJson } from './api.js';
import { el } from './ui.js';

/**
 * The trading days the journal has, newest first, 'open' (the day still open) first of all. The API names them in its
 * answer to a day it does not have: "no trading day 2000-01-01 in the journal; days: 2026-11-30, 2026-12-07, open".
 */
export async function tradingDays() {
  try {
    await getJson('/reports/market?date=2000-01-01');
  } catch (error) {
    const found = /days: (.*)$/.exec(error.message || '');
    if (error.status === 404 && found) {
      const days = found[1].split(',').map((d) => d.trim()).filter(Boolean);
      return days.filter((d) => d === 'open').concat(days.filter((d) => d !== 'open').reverse());
    }
    throw error;
  }
  return ['open'];
}

/**
 * The compliance years the engine holds, newest first: GET /compliance/{year} answers 404 for a year never opened,
 * so the years around today (and any the address names) are asked for, all at once.
 */
export async function complianceYears(extra = []) {
  const now = new Date().getUTCFullYear();
  const candidates = new Set(extra.map(Number).filter((y) => y > 1900));
  for (let year = now - 6; year <= now + 2; year++) candidates.add(year);
  const answers = await Promise.all([...candidates].map(async (year) => {
    try {
      return await getJson('/compliance/' + year);
    } catch (error) {
      if (error.status === 404) return null;
      throw error;
    }
  }));
  return answers.filter(Boolean).sort((a, b) => b.year - a.year);
}

/** Read reports one after another (never two builds of one user at once), retrying a 429 a few times. */
export async function readReports(paths, onEach) {
  const results = [];
  for (const path of paths) {
    let answer = null;
    for (let attempt = 0; ; attempt++) {
      try {
        answer = await getJson(path);
        break;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 429 || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
      }
    }
    results.push(answer);
    if (onEach) onEach(answer, path);
  }
  return results;
}

/** The tone of an assessment or of a year still open for one enterprise. */
export const STATUS_TONES = {
  COMPLETE: 'good', MET: 'good', LATE: 'warn', INCOMPLETE: 'bad', OUTSTANDING: 'bad', REOPENED: 'info',
  'IN PROGRESS': 'info',
};
export const FINE_TONES = { DUE: 'warn', PAID: 'good', OVERDUE: 'bad', WAIVED: 'info' };

/** A day picker: 'open' reads as "Open day". */
export function daySelect(id, days, selected) {
  return el('select', { id, 'aria-label': 'Trading day' },
    days.map((d) => el('option', { value: d, selected: d === selected }, d === 'open' ? 'Open day (today)' : d)));
}

/** "3d 04:12:09" from milliseconds. */
export function duration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const pad = (n) => String(n).padStart(2, '0');
  const clock = pad(Math.floor((total % 86400) / 3600)) + ':' + pad(Math.floor((total % 3600) / 60)) + ':' +
    pad(total % 60);
  return days ? days + 'd ' + clock : clock;
}

/**
 * A deadline as the API gives it: an instant ("2026-06-30T15:59:59Z") or a date that ends in the scheme's zone
 * ("2026-06-30"). The scheme's zone is not in the answer, so a date counts to the end of that day in the browser's
 * zone, as an estimate the page marks with "≈".
 */
export function deadlineInstant(text) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const end = new Date(text + 'T00:00:00');
    end.setDate(end.getDate() + 1);
    return { at: end, dateOnly: true };
  }
  return { at: new Date(text), dateOnly: false };
}
