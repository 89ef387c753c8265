// Screening a supplier list: pasted or uploaded, sent to POST /screen,
// verdicts shown as they stream in, downloadable as CSV. When the server
// records screenings, each run is named, and the list can be compared
// with an earlier run (POST /screen?since=RUN): only the suppliers whose
// screening changed are shown, each with its causes.
import { screen } from './api.js';
import { el, append, clear, download, $ } from './dom.js';

const columns = ['line', 'query', 'verdict', 'match_id', 'match_name', 'score', 'distance', 'evidence', 'reasons'];

// pathText writes an evidence path as a chain: A -TYPE-> B <-TYPE- C.
export function pathText(p) {
  const name = new Map(p.nodes.map((n) => [n.id, n.name]));
  let out = p.nodes[0].name;
  let at = p.nodes[0].id;
  for (const l of p.links) {
    const forward = l.from === at;
    const next = forward ? l.to : l.from;
    out += forward ? ` -${l.type}-> ` : ` <-${l.type}- `;
    out += name.get(next) || next;
    at = next;
  }
  return out;
}

// row is a result as the CSV's columns.
function row(r) {
  return {
    line: r.line || '', query: r.query, verdict: r.verdict, match_id: r.match ? r.match.id : '', match_name: r.match ? r.match.name : '',
    score: r.match ? String(r.match.score) : '', distance: r.distance === null || r.distance === undefined ? '' : String(r.distance),
    evidence: (r.paths || []).map(pathText).join(' | '), reasons: (r.reasons || []).join('; '),
  };
}

// csvCell quotes a cell (RFC 4180) and defuses text a spreadsheet would
// run as a formula (OWASP, CSV Injection).
function csvCell(v) {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

// request turns the text of a list into a body: CSV with a header naming
// a name column (alone or among others) as it is, otherwise one name a
// line as NDJSON.
function request(text) {
  const first = text.split(/\r?\n/, 1)[0].toLowerCase();
  if (first.split(',').map((c) => c.trim().replaceAll('"', '')).includes('name')) {
    return { body: text, type: 'text/csv' };
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return { body: lines.map((name) => JSON.stringify({ name })).join('\n') + '\n', type: 'application/x-ndjson' };
}

// changeRow is a row of the changes table (audit.Change).
function changeRow(c) {
  return el('tr', {},
    el('td', {}, c.query.name), el('td', { class: `v-${c.before}` }, c.before || 'new'), el('td', { class: `v-${c.after}` }, c.after),
    el('td', {}, c.before_match || ''), el('td', {}, c.after_match || ''),
    el('td', {}, (c.causes || []).map((cause) => el('div', {}, cause))));
}

// recorded notes the run the server recorded, if any, as the one the
// next comparison starts from.
function recorded(run) {
  if (run) $('#since-run').value = run;
  return run ? ` · run ${run}` : '';
}

export function setUpScreening() {
  let results = [];
  $('#upload').addEventListener('change', async (ev) => {
    const f = ev.target.files[0];
    if (f) $('#list').value = await f.text();
  });
  $('#screen-run').addEventListener('click', async () => {
    const text = $('#list').value;
    if (!text.trim()) {
      $('#screen-status').textContent = 'Paste a list first, one name a line.';
      return;
    }
    const tbody = clear($('#verdicts tbody'));
    results = [];
    $('#screen-csv').disabled = true;
    $('#screen-status').textContent = 'Screening…';
    const started = performance.now();
    const { body, type } = request(text);
    try {
      const run = await screen(body, type, (r) => {
        results.push(r);
        const c = row(r);
        append(tbody, el('tr', {},
          el('td', {}, String(results.length)), el('td', {}, c.query), el('td', { class: `v-${c.verdict}` }, c.verdict),
          el('td', {}, c.match_name), el('td', {}, c.score), el('td', {}, c.distance),
          el('td', {}, (r.paths || []).map((p) => el('div', { class: 'path' }, pathText(p)))), el('td', {}, c.reasons)));
      });
      $('#screen-status').textContent = `${results.length} screened in ${Math.round(performance.now() - started)} ms${recorded(run)}`;
      $('#screen-csv').disabled = false;
    } catch (err) {
      $('#screen-status').textContent = `Screening failed: ${err.message}`;
    }
  });
  $('#since-compare').addEventListener('click', async () => {
    const text = $('#list').value;
    const since = $('#since-run').value.trim();
    if (!text.trim() || !since) {
      $('#since-status').textContent = 'Paste the list and give the run to compare with (screen it first: its run ID is filled in).';
      return;
    }
    const tbody = clear($('#changes tbody'));
    $('#since-status').textContent = 'Comparing…';
    const { body, type } = request(text);
    let n = 0;
    try {
      const run = await screen(body, type, (c) => {
        n++;
        append(tbody, changeRow(c));
      }, since);
      $('#since-status').textContent = `${n} changed since run ${since}${recorded(run)}`;
    } catch (err) {
      $('#since-status').textContent = `Comparison failed: ${err.message}`;
    }
  });
  $('#screen-csv').addEventListener('click', () => {
    const lines = [columns.join(',')];
    for (const r of results) {
      const c = row(r);
      lines.push(columns.map((k) => csvCell(c[k])).join(','));
    }
    download('shellnet-screening.csv', lines.join('\r\n') + '\r\n', 'text/csv');
  });
}
