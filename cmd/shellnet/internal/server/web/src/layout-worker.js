// The layout runs here, off the page's thread, so that laying out
// thousands of nodes never freezes the view: ForceAtlas2 (Jacomy et al.,
// PLOS ONE 2014) from graphology-layout-forceatlas2.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

self.onmessage = (ev) => {
  const { id, nodes, edges, iterations } = ev.data;
  const g = new Graph({ multi: true, allowSelfLoops: false });
  for (const n of nodes) g.addNode(n.key, { x: n.x, y: n.y });
  for (const [s, t] of edges) {
    if (s !== t && g.hasNode(s) && g.hasNode(t)) g.addEdge(s, t);
  }
  const settings = forceAtlas2.inferSettings(g);
  settings.barnesHutOptimize = g.order > 500;
  const pos = forceAtlas2(g, { iterations, settings });
  self.postMessage({ id, positions: nodes.map((n) => [pos[n.key].x, pos[n.key].y]) });
};
