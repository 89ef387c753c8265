// The network view: the focus and the entities expanded around it, drawn
// by sigma.js on WebGL, laid out in a worker.
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram, NodeCircleProgram, NodePointProgram } from 'sigma/rendering';
import { getJSON } from './api.js';
import { el, append, clear, $ } from './dom.js';
import { colours, legend, nodeColour, nodeSize } from './style.js';
import { LinkLayer } from './pan.js';

// The as-of slider runs by month from startMonth to this month; its last
// step stands for every date.
const startMonth = { y: 2000, m: 0 };

// linkReach is how near the pointer, in pixels, a link must pass to be
// picked.
const linkReach = 5;

// segmentDistance is the distance from point p to the segment ab.
function segmentDistance(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

export class Network {
  constructor({ onSelect, onLink, onStatus }) {
    this.graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: false });
    this.onSelect = onSelect;
    this.onLink = onLink;
    this.onStatus = onStatus;
    this.expanded = []; // [id, hops, limit] in the order they were expanded
    this.hiddenTypes = new Set();
    this.pathNodes = new Set();
    this.pathEdges = new Set();
    this.asOf = '';
    this.asked = 0; // days asked for (rebuild)
    this.generation = 0;
    this.worker = new Worker('/app/layout.js', { type: 'module' });
    this.worker.onmessage = (ev) => this.placed(ev.data);
    // Sigma draws every link a second time into a picking buffer each
    // frame when edge events are on; that halves the frame rate of a large
    // view on a software renderer, so links are picked here instead, by
    // their distance to the pointer (linkAt), on click and while the
    // pointer rests.
    this.sigma = new Sigma(this.graph, $('#graph'), {
      allowInvalidContainer: true,
      enableEdgeEvents: false,
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 6,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeLineProgram },
      nodeProgramClasses: { circle: NodeCircleProgram, point: NodePointProgram },
      nodeReducer: (key, a) => this.nodeLook(key, a),
      edgeReducer: (key, a) => this.edgeLook(key, a),
    });
    this.still = new LinkLayer(this.sigma);
    // No hover is looked for while the view is dragged: each look reads the
    // picking buffer back from WebGL, which stalls the frame on software
    // renderers and makes a large view crawl.
    const captor = this.sigma.getMouseCaptor();
    const pick = this.sigma.getNodeAtPosition.bind(this.sigma);
    this.sigma.getNodeAtPosition = (at) => (captor.isMouseDown ? null : pick(at));
    this.sigma.on('clickNode', ({ node }) => this.clicked(node));
    this.sigma.on('clickStage', ({ event }) => {
      const edge = this.linkAt(event);
      if (edge) this.onLink(this.linkOf(edge));
    });
    let looking = 0;
    this.sigma.on('moveBody', ({ event }) => {
      if (captor.isMouseDown || looking) return;
      looking = requestAnimationFrame(() => {
        looking = 0;
        $('#graph').classList.toggle('pointer', this.linkAt(event) !== null);
      });
    });
    this.setUpSlider();
    this.drawLegend();
  }

  // The reducers are given a copy of each element's attributes (sigma
  // makes it), so they change it in place rather than copy it again.
  nodeLook(key, a) {
    if (this.pathNodes.has(key)) {
      a.highlighted = true;
      a.zIndex = 2;
    }
    if (key === this.selected) a.highlighted = true;
    return a;
  }

  edgeLook(key, a) {
    if (this.hiddenTypes.has(a.link)) a.hidden = true;
    else if (this.pathEdges.has(key)) {
      a.color = colours.path;
      a.size = 5;
      a.zIndex = 2;
    }
    return a;
  }

  // linkAt returns the link drawn nearest the viewport point at, when one
  // passes within a few pixels of it, or null: the nearest segment
  // between the ends' positions on screen.
  linkAt(at) {
    const seen = new Map();
    const place = (k) => {
      let p = seen.get(k);
      if (!p) {
        p = this.sigma.graphToViewport(this.graph.getNodeAttributes(k));
        seen.set(k, p);
      }
      return p;
    };
    let best = null;
    let nearest = linkReach;
    this.graph.forEachEdge((key, a, s, t) => {
      if (this.hiddenTypes.has(a.link)) return;
      const d = segmentDistance(at, place(s), place(t));
      if (d < nearest) {
        nearest = d;
        best = key;
      }
    });
    return best;
  }

  // months of the slider and the day a step stands for
  setUpSlider() {
    const now = new Date();
    const steps = (now.getUTCFullYear() - startMonth.y) * 12 + now.getUTCMonth() - startMonth.m + 1;
    const s = $('#asof');
    s.max = String(steps);
    s.value = String(steps);
    s.addEventListener('input', () => { $('#asof-label').textContent = this.dayOf(Number(s.value)) || 'all dates'; });
    s.addEventListener('change', () => this.setAsOf(this.dayOf(Number(s.value))));
  }

  dayOf(step) {
    if (step >= Number($('#asof').max)) return '';
    const y = startMonth.y + Math.floor((startMonth.m + step) / 12);
    const m = (startMonth.m + step) % 12;
    return `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }

  async setAsOf(day) {
    this.asOf = day;
    $('#asof-label').textContent = day || 'all dates';
    await this.rebuild();
  }

  drawLegend() {
    const box = clear($('#legend'));
    for (const [key, text] of legend) {
      append(box, el('span', {}, el('span', { class: `swatch sw-${key}` }), text));
    }
  }

  // reset empties the view, around a new focus.
  reset(focus) {
    this.focus = focus;
    this.paths = null;
    this.expanded = [];
    this.pathNodes.clear();
    this.pathEdges.clear();
    this.graph.clear();
  }

  // open shows id alone (with the evidence paths from it), then expands it.
  async open(id, { hops = 1, cap } = {}) {
    this.reset(id);
    await this.expand(id, { hops, cap });
    this.select(id);
    await this.evidence(id);
    if (this.selected === id) this.select(id); // the entity page lists the paths
  }

  // rebuild fetches every expansion again, and the evidence paths from
  // the focus, on the current day, then draws them at once and shows the
  // selected entity's page again; an answer for a day no longer asked for
  // is dropped, so that a slider moved quickly never mixes two days.
  async rebuild() {
    const asked = ++this.asked;
    const started = performance.now();
    const done = this.expanded;
    const hoods = [];
    for (const [id, hops, cap] of done) hoods.push(await this.hood(id, hops, cap));
    const paths = this.focus ? await this.findPaths(this.focus) : this.paths;
    if (asked !== this.asked) return;
    this.expanded = [];
    this.graph.clear();
    done.forEach(([id, hops, cap], i) => this.show(id, hops, cap, hoods[i], started));
    this.paths = paths;
    if (paths) this.drawPaths(paths);
    if (this.selected && this.graph.hasNode(this.selected)) this.select(this.selected);
    else this.refresh();
  }

  // expand adds the entities within hops links of id: at most cap new ones
  // a time, the others counted in groups by link type and kind that can be
  // expanded in turn.
  async expand(id, { hops = 1, cap } = {}) {
    cap = Math.max(1, Math.min(5000, Number(cap || $('#cap').value) || 50));
    const started = performance.now();
    this.show(id, hops, cap, await this.hood(id, hops, cap), started);
  }

  // hood fetches the neighbourhood an expansion shows, on the day shown.
  hood(id, hops, cap) {
    return getJSON(`/neighbourhood/${encodeURIComponent(id)}`, { hops, limit: hops === 1 ? 5000 : cap, as_of: this.asOf });
  }

  show(id, hops, cap, h, started) {
    this.expanded.push([id, hops, cap]);
    const centre = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : { x: 0, y: 0 };
    this.addNode(h.entities[0], centre, 0, 1);
    const fresh = h.entities.filter((n) => !this.graph.hasNode(n.id));
    // the sanctioned first, then the server's order (nearest first)
    fresh.sort((a, b) => (b.status ? 1 : 0) - (a.status ? 1 : 0));
    const shown = fresh.slice(0, cap);
    shown.forEach((n, i) => this.addNode(n, centre, i, shown.length));
    const rest = fresh.slice(cap);
    if (rest.length) this.addGroups(id, rest, h.links, centre);
    for (const l of h.links) this.addLink(l);
    this.onStatus(`${this.graph.order} entities, ${this.graph.size} links on screen · expanded ${h.entities[0].name} in ${Math.round(performance.now() - started)} ms${h.truncated ? ' (capped by the server)' : ''}`);
    this.drawTypes();
    this.layout();
  }

  addNode(n, centre, i, count) {
    if (this.graph.hasNode(n.id)) return;
    const angle = (2 * Math.PI * i) / Math.max(1, count);
    const r = 1 + Math.sqrt(count);
    this.graph.addNode(n.id, {
      label: n.name || n.id, x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle),
      size: nodeSize(n), color: nodeColour(n), kind: n.kind, status: n.status || '', tags: n.tags || [], countries: n.countries || [],
    });
  }

  addLink(l, color = colours.edge, size = 1.5) {
    if (l.from === l.to || !this.graph.hasNode(l.from) || !this.graph.hasNode(l.to)) return;
    const key = `${l.from}|${l.type}|${l.to}`;
    if (this.graph.hasEdge(key)) return;
    this.graph.addDirectedEdgeWithKey(key, l.from, l.to, { link: l.type, color, size });
  }

  // showProcurement draws procurement paths alone, restricted hops in
  // dark red and loopholes in amber.
  showProcurement(paths) {
    this.reset(null);
    paths.forEach((p, k) => {
      p.nodes.forEach((n, i) => this.addNode({ ...n, status: n.listed ? 'listed' : n.blocked ? 'blocked' : '' }, { x: 4 * i, y: 4 * k }, 0, 1));
      for (const l of p.links) {
        const status = l.policy ? l.policy.status : '';
        this.addLink(l, colours[status] || colours.edge, status === 'restricted' || status === 'loophole' ? 4 : 1.5);
      }
    });
    this.drawTypes();
    this.layout();
    this.onStatus(`${paths.length} procurement paths: ${this.graph.order} entities, ${this.graph.size} links`);
  }

  // addGroups stands the entities not shown by one node a link type and
  // kind: "and 240 more".
  addGroups(id, rest, links, centre) {
    const typeOf = new Map();
    for (const l of links) {
      if (l.from === id) typeOf.set(l.to, typeOf.get(l.to) || l.type);
      if (l.to === id) typeOf.set(l.from, typeOf.get(l.from) || l.type);
    }
    const groups = new Map();
    for (const n of rest) {
      const type = typeOf.get(n.id) || 'LINKED';
      const key = `group:${id}:${type}:${n.kind}`;
      if (!groups.has(key)) groups.set(key, { type, kind: n.kind, members: [] });
      groups.get(key).members.push(n);
    }
    for (const [key, g] of groups) {
      if (this.graph.hasNode(key)) this.graph.dropNode(key);
      this.graph.addNode(key, {
        label: `and ${g.members.length} more · ${g.type} · ${g.kind}`, x: centre.x - 2, y: centre.y - 2, size: nodeSize({ group: true }),
        color: colours.group, group: true, parent: id, members: g.members, memberLinks: links,
      });
      this.graph.addDirectedEdgeWithKey(`${id}|${g.type}|${key}`, id, key, { link: g.type, color: colours.group, size: 1 });
    }
  }

  // openGroup shows a group's members, cap at a time.
  openGroup(key) {
    const g = this.graph.getNodeAttributes(key);
    const cap = Math.max(1, Number($('#cap').value) || 50);
    const centre = { x: g.x, y: g.y };
    const shown = g.members.slice(0, cap);
    const rest = g.members.slice(cap);
    this.graph.dropNode(key);
    shown.forEach((n, i) => this.addNode(n, centre, i, shown.length));
    if (rest.length) this.addGroups(g.parent, rest, g.memberLinks, centre);
    for (const l of g.memberLinks) this.addLink(l);
    this.drawTypes();
    this.layout();
    this.onStatus(`${this.graph.order} entities, ${this.graph.size} links on screen`);
  }

  async expandAll() {
    const ids = this.graph.filterNodes((k, a) => !a.group && !this.expanded.some(([e]) => e === k));
    for (const id of ids) await this.expand(id, {});
  }

  clicked(node) {
    if (this.graph.getNodeAttribute(node, 'group')) {
      this.openGroup(node);
      return;
    }
    this.select(node);
  }

  select(id) {
    this.selected = id;
    this.onSelect(id);
    this.refresh();
  }

  refresh() {
    this.sigma.refresh();
  }

  // evidence draws the cheapest evidence paths from id to sanctioned
  // parties on the day shown (GET /paths from id:ID as_of the day),
  // highlighted. They are ranked by link type alone (records=false): the
  // server answers from memory, without reading the trade records of the
  // region around id, which on a large store takes seconds.
  async evidence(id) {
    this.paths = await this.findPaths(id);
    this.drawPaths(this.paths);
  }

  async findPaths(id) {
    return (await getJSON('/paths', { from: `id:${id}`, k: 3, max_hops: 6, records: false, as_of: this.asOf })).paths;
  }

  drawPaths(paths) {
    this.pathNodes.clear();
    this.pathEdges.clear();
    for (const p of paths) {
      const anchor = this.graph.hasNode(p.nodes[0].id) ? this.graph.getNodeAttributes(p.nodes[0].id) : { x: 0, y: 0 };
      p.nodes.forEach((n, i) => {
        this.addNode({ ...n, status: n.listed ? 'listed' : n.blocked ? 'blocked' : '' }, { x: anchor.x + 3 * i, y: anchor.y - 3 * i }, i, p.nodes.length);
        this.pathNodes.add(n.id);
      });
      for (const l of p.links) {
        this.addLink(l);
        this.pathEdges.add(`${l.from}|${l.type}|${l.to}`);
      }
    }
    this.drawTypes();
    this.layout();
  }

  // drawTypes lists the link types on screen with their counts, each a
  // filter. On a large view links are drawn as lines without arrow heads
  // and moved as a picture while the view moves (LinkLayer), entities as
  // points, and labels hide while the view moves, so that panning stays
  // fluid.
  drawTypes() {
    this.sigma.setSetting('defaultEdgeType', this.graph.size <= 5000 ? 'arrow' : 'line');
    this.still.setOn(this.graph.size > 5000);
    this.sigma.setSetting('defaultNodeType', this.graph.order <= 2000 ? 'circle' : 'point');
    this.sigma.setSetting('hideLabelsOnMove', this.graph.order > 1000);
    const counts = new Map();
    this.graph.forEachEdge((k, a, s, t, sa, ta) => {
      if (!ta.group) counts.set(a.link, (counts.get(a.link) || 0) + 1);
    });
    const box = clear($('#types'));
    for (const [type, n] of [...counts].sort()) {
      const cb = el('input', { type: 'checkbox', checked: !this.hiddenTypes.has(type), 'data-type': type });
      cb.addEventListener('change', () => {
        if (cb.checked) this.hiddenTypes.delete(type);
        else this.hiddenTypes.add(type);
        this.refresh();
      });
      append(box, el('label', { 'data-type': type }, cb, ` ${type} (${n})`));
    }
  }

  linkOf(edge) {
    const a = this.graph.getEdgeAttributes(edge);
    return { from: this.graph.source(edge), to: this.graph.target(edge), type: a.link };
  }

  // linksOf lists the links on screen that touch id.
  linksOf(id) {
    if (!this.graph.hasNode(id)) return [];
    return this.graph.edges(id).filter((e) => !this.graph.getNodeAttribute(this.graph.opposite(id, e), 'group')).map((e) => this.linkOf(e));
  }

  name(id) {
    return this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'label') : id;
  }

  // layout asks the worker for ForceAtlas2 positions; an answer to an
  // older request is dropped.
  layout() {
    const id = ++this.generation;
    const nodes = this.graph.mapNodes((key, a) => ({ key, x: a.x, y: a.y }));
    const edges = this.graph.mapEdges((k, a, s, t) => [s, t]);
    const iterations = nodes.length > 2000 ? 20 : nodes.length > 300 ? 100 : 300;
    this.worker.postMessage({ id, nodes, edges, iterations });
  }

  placed({ id, positions }) {
    if (id !== this.generation) return;
    const keys = this.graph.nodes();
    if (keys.length !== positions.length) return;
    const at = new Map(keys.map((k, i) => [k, positions[i]]));
    // one update for the whole graph: sigma processes it once
    this.graph.updateEachNodeAttributes((k, a) => ({ ...a, x: at.get(k)[0], y: at.get(k)[1] }), { attributes: ['x', 'y'] });
  }

  // view lists what is on screen, for the exports: visible nodes and links
  // with their positions.
  view() {
    const nodes = this.graph.mapNodes((key, a) => ({ key, ...a }));
    const links = [];
    this.graph.forEachEdge((key, a, s, t) => {
      if (!this.hiddenTypes.has(a.link)) links.push({ key, source: s, target: t, type: a.link, path: this.pathEdges.has(key) });
    });
    return { nodes, links };
  }
}

