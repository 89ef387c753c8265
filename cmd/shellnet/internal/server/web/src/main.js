// The investigator's web app: search, the entity page and its network,
// screening and procurement paths, on shellnet serve's API.
import { getJSON, entityPath } from './api.js';
import { el, append, clear, download, $ } from './dom.js';
import { Network } from './network.js';
import { toSVG, toPNG, toGraphML } from './exporters.js';
import { setUpScreening, pathText } from './screening.js';
import { setUpPaths, pathItems } from './procurement.js';

const status = (text) => { $('#status').textContent = text; };
const failed = (what) => (err) => status(`${what} failed: ${err.message}`);

const network = new Network({
  onSelect: (id) => showEntity(id).catch(failed('Reading the entity')),
  onLink: (l) => showLink(l).catch(failed('Reading the link')),
  onStatus: status,
});

// ---- search with suggestions as one types

let searchSeq = 0;
let suggestions = [];
let chosen = -1;

async function suggest() {
  const q = $('#search').value.trim();
  const seq = ++searchSeq;
  if (q.length < 2) {
    closeSuggestions();
    return;
  }
  const res = await getJSON('/search/default', { q, limit: 8 });
  if (seq !== searchSeq) return; // a newer keystroke answered first
  suggestions = res.results;
  chosen = -1;
  const ul = clear($('#suggestions'));
  for (const [i, r] of suggestions.entries()) {
    const li = el('li', { role: 'option', 'data-id': r.id, 'aria-selected': 'false' }, r.caption, el('span', { class: 'kind' }, `${r.schema}${r.target ? ' · listed' : ''}`));
    li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pick(i); });
    ul.append(li);
  }
  if (!suggestions.length) ul.append(el('li', { class: 'muted' }, `No entity matches “${q}”`));
  ul.hidden = false;
}

function closeSuggestions() {
  $('#suggestions').hidden = true;
  suggestions = [];
}

function pick(i) {
  const r = suggestions[i];
  closeSuggestions();
  if (r) location.hash = `#/entity/${encodeURIComponent(r.id)}`;
}

let timer;
$('#search').addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => suggest().catch(failed('Search')), 120);
});
$('#search').addEventListener('keydown', (ev) => {
  const items = [...$('#suggestions').querySelectorAll('li[data-id]')];
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    chosen = Math.max(0, Math.min(items.length - 1, chosen + (ev.key === 'ArrowDown' ? 1 : -1)));
    items.forEach((li, i) => li.setAttribute('aria-selected', String(i === chosen)));
  } else if (ev.key === 'Enter') {
    pick(Math.max(0, chosen));
  } else if (ev.key === 'Escape') {
    closeSuggestions();
  }
});
$('#search').addEventListener('blur', () => setTimeout(closeSuggestions, 100));

// ---- the entity page

function section(title, ...children) {
  return [el('h3', {}, title), ...children];
}

function list(items) {
  return el('ul', {}, items.map((x) => el('li', {}, x)));
}

// identifier properties are every FtM property but these
const described = new Set(['name', 'alias', 'country', 'topics', 'summary', 'notes']);

async function showEntity(id) {
  const e = await getJSON(entityPath(id));
  const panel = clear($('#panel'));
  const node = network.graph.hasNode(id) ? network.graph.getNodeAttributes(id) : {};
  const p = e.properties;
  const badges = [el('span', { class: 'badge' }, e.schema)];
  if (e.target) badges.push(el('span', { class: 'badge listed' }, 'listed'));
  else if (node.status === 'blocked') badges.push(el('span', { class: 'badge blocked' }, 'blocked'));
  append(panel, el('h2', { id: 'entity-name' }, e.caption), el('div', {}, badges));
  const expand = el('button', { type: 'button', id: 'panel-expand' }, 'Expand');
  expand.addEventListener('click', () => network.expand(id, {}).catch(failed('Expanding')));
  const focus = el('button', { type: 'button' }, 'Open as focus');
  focus.addEventListener('click', () => { location.hash = `#/entity/${encodeURIComponent(id)}`; });
  append(panel, el('div', { class: 'row' }, expand, focus));
  if (p.summary) append(panel, el('p', {}, p.summary.join(' ')));
  if (p.alias) append(panel, section('Names', list([p.name ? p.name[0] : e.caption, ...p.alias])));
  if (e.sanctions && e.sanctions.length) {
    append(panel, section('Listings', list(e.sanctions.map((s) => [s.authority, s.program, s.reference, s.listed ? `listed ${s.listed.slice(0, 10)}` : ''].filter(Boolean).join(' · ')))));
  }
  const ids = Object.entries(p).filter(([k]) => !described.has(k));
  if (ids.length) append(panel, section('Identifiers', list(ids.map(([k, vs]) => `${k}: ${vs.join(', ')}`))));
  if (p.country) append(panel, section('Countries', list([p.country.join(', ')])));
  if (p.topics) append(panel, section('Topics', list([p.topics.join(', ')])));
  append(panel, section('Datasets', list(e.datasets.length ? e.datasets : ['none'])));
  append(panel, section('Source records', list(e.sources.map((s) => `${s.dataset}: ${s.record || ''}${s.seen ? ` (seen ${s.seen.slice(0, 10)})` : ''}`))));
  if (p.notes) append(panel, el('p', { class: 'muted' }, p.notes.join(' ')));
  if (network.focus === id && network.paths) {
    const paths = network.paths;
    append(panel, section(`Evidence paths to sanctioned parties${network.asOf ? ` on ${network.asOf}` : ''}`,
      paths.length ? el('ul', { id: 'evidence' }, paths.map((pa) => el('li', {}, pathText(pa)))) : el('p', { class: 'muted' }, 'None within 6 links.')));
  }
  const links = network.linksOf(id);
  append(panel, section('Links on screen', el('ul', { id: 'links' }, links.map((l) => {
    const b = el('button', { type: 'button', class: 'link', 'data-link': `${l.from}|${l.type}|${l.to}` }, `${network.name(l.from)} ${l.type} ${network.name(l.to)}`);
    b.addEventListener('click', () => showLink(l).catch(failed('Reading the link')));
    return el('li', {}, b);
  }))));
}

// showLink shows the records behind the links of one type between two
// entities, with their sources.
async function showLink({ from, to, type }) {
  const adj = await getJSON(`${entityPath(from)}/adjacent`, { limit: 500 });
  const group = adj.adjacent[type.toLowerCase()];
  const records = group ? group.results.filter((r) => r.direction === 'out' && r.to === to) : [];
  const panel = clear($('#panel'));
  const back = el('button', { type: 'button', class: 'link' }, `← ${network.name(from)}`);
  back.addEventListener('click', () => showEntity(from).catch(failed('Reading the entity')));
  append(panel, back, el('h2', { id: 'link-title' }, `${network.name(from)} ${type} ${network.name(to)}`));
  append(panel, el('h3', {}, 'Source records'));
  if (!records.length) append(panel, el('p', { class: 'muted' }, 'The store holds no record of this link.'));
  for (const r of records) {
    const dl = el('dl', {});
    append(dl, el('dt', {}, 'record'), el('dd', {}, r.id));
    for (const [k, v] of Object.entries(r.props || {})) append(dl, el('dt', {}, k), el('dd', {}, typeof v === 'string' ? v : JSON.stringify(v)));
    for (const s of r.sources || []) append(dl, el('dt', {}, 'source'), el('dd', {}, `${s.dataset}: ${s.record || ''}`));
    panel.append(el('div', { class: 'record' }, dl));
  }
}

// ---- toolbar

$('#expand').addEventListener('click', () => network.expand(network.selected || network.focus, {}).catch(failed('Expanding')));
$('#expand-all').addEventListener('click', () => network.expandAll().catch(failed('Expanding')));
$('#export-svg').addEventListener('click', () => download('shellnet-network.svg', toSVG(network.view()), 'image/svg+xml'));
$('#export-png').addEventListener('click', () => toPNG(toSVG(network.view())).then((b) => download('shellnet-network.png', b)).catch(failed('The PNG')));
$('#export-graphml').addEventListener('click', () => download('shellnet-network.graphml', toGraphML(network.view()), 'application/graphml+xml'));

// ---- views and routes: #/entity/ID[?hops=N&cap=N], #/screen, #/paths

function show(view) {
  for (const v of ['network', 'screen', 'paths']) $(`#view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', a.dataset.view === view);
  if (view === 'network') network.refresh();
}

async function route() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'screen') return show('screen');
  if (parts[0] === 'paths') return show('paths');
  show('network');
  if (parts[0] === 'entity' && parts[1]) {
    const id = decodeURIComponent(parts[1]);
    const q = new URLSearchParams(query || '');
    for (const b of ['#expand', '#expand-all']) $(b).disabled = false;
    await network.open(id, { hops: Number(q.get('hops')) || 1, cap: q.get('cap') || undefined });
  }
}

window.addEventListener('hashchange', () => route().catch(failed('Opening')));
setUpScreening();
setUpPaths(network, (paths) => {
  location.hash = '#/';
  show('network');
  append(clear($('#panel')), el('h2', {}, 'Procurement paths'),
    el('p', { class: 'legend-line' }, el('span', { class: 'hop restricted' }, 'restricted'), ' ', el('span', { class: 'hop loophole' }, 'loophole'), ' hops drawn in their colour'),
    el('ol', {}, pathItems(paths)));
});
getJSON('/readyz').then((r) => {
  if (r.snapshot) $('#snapshot').textContent = `store version ${r.snapshot.version} · ${r.snapshot.entities} entities · ${r.snapshot.links} links`;
}).catch(failed('Reading the server'));
route().catch(failed('Opening'));
