// Exports of the view: SVG and PNG as drawn, GraphML (http://graphml.graphdrawing.org/)
// for Gephi, yEd or Cytoscape. Both XML formats are built as DOM trees and
// serialised, so that every name is escaped by the serialiser.
import { colours } from './style.js';

const svgNS = 'http://www.w3.org/2000/svg';
const graphmlNS = 'http://graphml.graphdrawing.org/xmlns';

function svgEl(doc, tag, attrs) {
  const e = doc.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

// toSVG draws the view: links as lines (evidence paths in their colour),
// nodes as circles with their names; graph y grows upwards, SVG's down.
export function toSVG({ nodes, links }) {
  const doc = document.implementation.createDocument(svgNS, 'svg', null);
  const svg = doc.documentElement;
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const minX = Math.min(0, ...xs), maxX = Math.max(1, ...xs), minY = Math.min(0, ...ys), maxY = Math.max(1, ...ys);
  const W = 1600, H = 1200, pad = 80;
  const scale = Math.min((W - 2 * pad) / (maxX - minX || 1), (H - 2 * pad) / (maxY - minY || 1));
  const px = (x) => (pad + (x - minX) * scale).toFixed(1);
  const py = (y) => (H - pad - (y - minY) * scale).toFixed(1);
  svg.setAttribute('width', W);
  svg.setAttribute('height', H);
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.append(svgEl(doc, 'rect', { width: W, height: H, fill: '#ffffff' }));
  const at = new Map(nodes.map((n) => [n.key, n]));
  const edges = svgEl(doc, 'g', { 'stroke-width': 1.5 });
  for (const l of links) {
    const a = at.get(l.source), b = at.get(l.target);
    const line = svgEl(doc, 'line', { x1: px(a.x), y1: py(a.y), x2: px(b.x), y2: py(b.y), stroke: l.path ? colours.path : colours.edge });
    if (l.path) line.setAttribute('stroke-width', 5);
    const title = doc.createElementNS(svgNS, 'title');
    title.textContent = `${a.label} ${l.type} ${b.label}`;
    line.append(title);
    edges.append(line);
  }
  svg.append(edges);
  const g = svgEl(doc, 'g', { 'font-family': 'sans-serif', 'font-size': 12 });
  for (const n of nodes) {
    const c = svgEl(doc, 'circle', { cx: px(n.x), cy: py(n.y), r: n.size, fill: n.color });
    const title = doc.createElementNS(svgNS, 'title');
    title.textContent = n.label;
    c.append(title);
    const t = svgEl(doc, 'text', { x: (Number(px(n.x)) + n.size + 3).toFixed(1), y: (Number(py(n.y)) + 4).toFixed(1), fill: '#1c2833' });
    t.textContent = n.label;
    g.append(c, t);
  }
  svg.append(g);
  return new XMLSerializer().serializeToString(doc);
}

// toPNG renders the SVG on a canvas.
export function toPNG(svgText) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d').drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be drawn'))), 'image/png');
    };
    img.onerror = () => reject(new Error('the SVG could not be drawn'));
    img.src = url;
  });
}

// toGraphML writes the view's nodes (name, kind, status, position) and
// links (type).
export function toGraphML({ nodes, links }) {
  const doc = document.implementation.createDocument(graphmlNS, 'graphml', null);
  const root = doc.documentElement;
  const key = (id, target, name, type) => {
    const k = doc.createElementNS(graphmlNS, 'key');
    for (const [a, v] of Object.entries({ id, for: target, 'attr.name': name, 'attr.type': type })) k.setAttribute(a, v);
    root.append(k);
  };
  key('label', 'node', 'label', 'string');
  key('kind', 'node', 'kind', 'string');
  key('status', 'node', 'status', 'string');
  key('x', 'node', 'x', 'double');
  key('y', 'node', 'y', 'double');
  key('type', 'edge', 'type', 'string');
  const graph = doc.createElementNS(graphmlNS, 'graph');
  graph.setAttribute('id', 'shellnet');
  graph.setAttribute('edgedefault', 'directed');
  const data = (parent, k, v) => {
    const d = doc.createElementNS(graphmlNS, 'data');
    d.setAttribute('key', k);
    d.textContent = String(v);
    parent.append(d);
  };
  for (const n of nodes) {
    const e = doc.createElementNS(graphmlNS, 'node');
    e.setAttribute('id', n.key);
    data(e, 'label', n.label);
    data(e, 'kind', n.group ? 'group' : n.kind || '');
    data(e, 'status', n.status || '');
    data(e, 'x', n.x);
    data(e, 'y', n.y);
    graph.append(e);
  }
  for (const l of links) {
    const e = doc.createElementNS(graphmlNS, 'edge');
    e.setAttribute('id', l.key);
    e.setAttribute('source', l.source);
    e.setAttribute('target', l.target);
    data(e, 'type', l.type);
    graph.append(e);
  }
  root.append(graph);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc);
}
