// Regulator actions: the commands that are a form in a real registry (open a compliance year, record emissions,
// allocate allowances, close a year, open and close an auction), each posted as typed to POST /commands/<name> with
// the session's CSRF token. The page does not validate: the API does, and its message is shown as it is. A command
// the scheme holds for a second regulator (422 APPROVAL_REQUIRED) can be proposed instead (POST /proposals/<name>).
import { ApiError, getJson, postJson } from '../api.js';
import { startPage, pageHead, session } from '../layout.js';
import { badge, clear, el, errorBox, panel } from '../ui.js';
import { complianceYears } from '../reporting.js';

const main = await startPage('actions', 'Regulator actions');
main.append(pageHead('Regulator actions', 'Commands to the exchange, checked and journaled like any other'));

if (session.role !== 'REGULATOR') {
  main.append(el('div', { class: 'alert', id: 'not-regulator', role: 'alert' }, el('strong', {}, 'Not permitted'),
    'These forms send regulator commands; the API refuses them to a user who is ' + session.role +
    ' (403), so they are not shown.'));
} else {
  await showForms();
}

/** The forms, for a regulator. */
async function showForms() {
  const [accounts, years] = await Promise.all([getJson('/accounts'), complianceYears().catch(() => [])]);
  const compliance = accounts.accounts.filter((a) => a.type === 'COMPLIANCE');
  const auctionAccounts = accounts.accounts.filter((a) => a.type === 'AUCTION');
  const openYear = years.find((y) => y.state === 'OPEN');
  const defaultYear = String(openYear ? openYear.year : new Date().getUTCFullYear() - 1);
  const nextYear = String(years.length ? years[0].year + 1 : new Date().getUTCFullYear() - 1);

  const accountOptions = (list) => list.map((a) => ({ value: String(a.account), label: a.account + (a.name ?
    ' · ' + a.name : '') }));
  const isoIn = (minutes) => new Date(Math.ceil(Date.now() / 60000) * 60000 + minutes * 60000).toISOString()
    .replace('.000Z', 'Z');

  const FORMS = [
    { command: 'open-compliance-year', button: 'Open year', title: 'Open a compliance year',
      lead: 'Starts a year: enterprises may then be allocated, have emissions recorded and surrender until the close.',
      fields: [
        { name: 'year', label: 'Year', int: true, value: nextYear },
        { name: 'deadline', label: 'Surrender deadline', hint: 'a date (end of day, scheme zone) or an ISO instant',
          value: (Number(nextYear) + 1) + '-06-30' },
      ] },
    { command: 'record-emissions', button: 'Record', title: 'Record verified emissions',
      lead: 'The verified emissions of a covered enterprise: its obligation for the year.',
      fields: [
        { name: 'year', label: 'Year', int: true, value: defaultYear },
        { name: 'account', label: 'Enterprise', int: true, options: accountOptions(compliance) },
        { name: 'emissions', label: 'Emissions (t)', int: true, value: '' },
      ] },
    { command: 'allocate-allowances', button: 'Allocate', title: 'Allocate allowances',
      lead: 'Free allocation of the year\u2019s allowances (less what is withheld for last year\u2019s shortfall).',
      fields: [
        { name: 'year', label: 'Year', int: true, value: defaultYear },
        { name: 'account', label: 'Enterprise', int: true, options: accountOptions(compliance) },
        { name: 'instrument', label: 'Allowance', options: session.instruments.map((s) => ({ value: s, label: s })),
          value: 'CEA-' + defaultYear, hint: 'of the year\u2019s vintage' },
        { name: 'quantity', label: 'Quantity (t)', int: true, value: '' },
      ] },
    { command: 'close-compliance-year', button: 'Close year', title: 'Close a compliance year',
      lead: 'After the deadline: assesses every enterprise (complete, late, incomplete) and sets penalties.',
      fields: [{ name: 'year', label: 'Year', int: true, value: defaultYear }] },
    { command: 'open-auction', button: 'Open auction', title: 'Open a primary auction',
      lead: 'A sealed-bid, uniform-price auction of allowances from the AUCTION account.',
      fields: [
        { name: 'auctionId', label: 'Auction id', int: true, value: '', hint: 'greater than any before' },
        { name: 'instrument', label: 'Instrument', options: session.instruments.map((s) => ({ value: s, label: s })),
        value: 'CEA-' + defaultYear },
        { name: 'auctionAccount', label: 'Auction account', int: true, options: accountOptions(auctionAccounts) },
        { name: 'volume', label: 'Volume (t)', int: true, value: '' },
        { name: 'reservePrice', label: 'Reserve price', value: '', hint: 'e.g. 80.00' },
        { name: 'maxShareBps', label: 'Max share per bidder (bps)', int: true, value: '2500' },
        { name: 'bidWindowStart', label: 'Bids from', value: isoIn(0), hint: 'ISO instant' },
        { name: 'bidWindowEnd', label: 'Bids until', value: isoIn(60), hint: 'ISO instant' },
      ] },
    { command: 'close-auction', button: 'Close auction', title: 'Close an auction',
      lead: 'After its bid window: clears it at the uniform price, or cancels it.',
      fields: [{ name: 'auctionId', label: 'Auction id', int: true, value: '' }] },
  ];

  /** The body as typed: an integer field that reads as an integer is sent as a number, anything else as text. */
  function body(spec, form) {
    const json = {};
    for (const field of spec.fields) {
      const text = form.elements[field.name].value.trim();
      if (text === '') continue;
      json[field.name] = field.int && /^-?[0-9]{1,15}$/.test(text) ? Number(text) : text;
    }
    return json;
  }

  function eventLine(event) {
    const facts = Object.entries(event).filter(([k]) => k !== 'type')
      .map(([k, v]) => el('span', { class: 'chip' }, k + ' ' + (typeof v === 'object' ? JSON.stringify(v) : v)));
    return el('li', {}, badge(event.type, event.type === 'CommandRejected' ? 'bad' : 'info'), facts);
  }

  function showAnswer(box, answer, what) {
    clear(box).append(el('div', { class: 'ok-box', role: 'status' }, el('strong', {}, 'Done.'),
      what + ': applied as command ' + answer.sequence + '.',
      el('ul', { class: 'events' }, (answer.events || []).map(eventLine))));
  }

  function formPanel(spec) {
    const result = el('div', { class: 'result', id: 'result-' + spec.command, 'aria-live': 'polite' });
    const submit = el('button', { class: 'primary', type: 'submit', id: 'submit-' + spec.command }, spec.button);
    const form = el('form', { class: 'fields', id: 'form-' + spec.command, novalidate: true },
      spec.fields.map((f) => el('label', {}, f.label, f.options ?
        el('select', { name: f.name }, f.options.map((o) => el('option',
          { value: o.value, selected: o.value === f.value },
          o.label))) :
        el('input', { type: 'text', name: f.name, value: f.value, autocomplete: 'off',
          inputmode: f.int ? 'numeric' : null }), f.hint ? el('small', {}, f.hint) : null)),
      el('div', { class: 'actions' }, submit, el('span', { class: 'kind-desc' }, 'POST /commands/' + spec.command)));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      clear(result).append(el('div', { class: 'kind-desc' }, 'Sending…'));
      const sent = body(spec, form);
      try {
        showAnswer(result, await postJson('/commands/' + spec.command, sent), spec.title);
      } catch (error) {
        clear(result).append(errorBox(error));
        if (error instanceof ApiError && error.status === 422 && error.message.startsWith('APPROVAL_REQUIRED')) {
          const propose = el('button', { class: 'secondary', type: 'button', id: 'propose-' + spec.command },
            'Propose for a second regulator\u2019s approval');
          propose.addEventListener('click', async () => {
            try {
              showAnswer(result, await postJson('/proposals/' + spec.command, sent), 'The proposal');
            } catch (failure) {
              clear(result).append(errorBox(failure));
            }
          });
          result.append(propose);
        }
      } finally {
        submit.disabled = false;
      }
    });
    return panel(spec.title, { id: 'panel-' + spec.command }, el('p', { class: 'lead' }, spec.lead), form, result);
  }

  main.append(el('div', { class: 'notice' }, el('strong', {}, 'As typed.'), 'Each form sends its fields to the API ' +
    'as they are; a refusal shows the API\u2019s own message. The results are on the ',
  el('a', { href: '/console/compliance' }, 'Compliance'), ' and ', el('a', { href: '/console/auctions' }, 'Auctions'),
  ' pages.'), el('div', { class: 'grid forms' }, FORMS.map(formPanel)));
}
