// What the reporting pages share: the trading days and compliance years the API knows, report reads one at a time
// (each report build replays the journal, and the API lets a user run one build at a time: 429 beyond), and the
// status colours of compliance.
import { ApiError, getJson } from './api.js';
import { el } from './ui.js';

/** The trading days the journal has (GET /reports), newest first, 'open' (the day still open) first of all. */
export async function tradingDays() {
  const days = (await getJson('/reports')).days;
  return days.filter((d) => d === 'open').concat(days.filter((d) => d !== 'open').reverse());
}

/** The compliance years the engine holds (GET /compliance), newest first, each as GET /compliance/{year} answers. */
export async function complianceYears() {
  const years = (await getJson('/compliance')).years;
  const answers = await Promise.all(years.map((y) => getJson('/compliance/' + y.year)));
  return answers.sort((a, b) => b.year - a.year);
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
