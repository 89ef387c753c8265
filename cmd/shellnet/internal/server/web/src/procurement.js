// Procurement paths from vendors to sanctioned parties, every hop marked
// against the export rules (restricted, loophole), listed and drawn.
import { getJSON } from './api.js';
import { el, append, clear, $ } from './dom.js';

function hopLabel(l) {
  const status = l.policy ? l.policy.status : '';
  const text = status === 'restricted' || status === 'loophole' ? `${l.type} · ${status}` : l.type;
  const title = l.policy && l.policy.note ? `${l.policy.jurisdiction || ''} ${l.policy.rule || ''}: ${l.policy.note}`.trim() : '';
  return el('span', { class: `hop ${status}`, title }, text);
}

// pathItems lists paths, one item each: the names along it and each hop
// with its type and mark.
export function pathItems(paths) {
  return paths.map((p) => {
    const li = el('li', {});
    let at = p.nodes[0].id;
    const name = new Map(p.nodes.map((n) => [n.id, n.name]));
    append(li, el('strong', {}, p.nodes[0].name));
    for (const l of p.links) {
      const next = l.from === at ? l.to : l.from;
      append(li, ' ', hopLabel(l), l.from === at ? ' → ' : ' ← ', name.get(next) || next);
      at = next;
    }
    return li;
  });
}

export function setUpPaths(network, show) {
  $('#paths-run').addEventListener('click', async () => {
    $('#paths-status').textContent = 'Searching…';
    const list = clear($('#paths-list'));
    try {
      const found = await getJSON('/paths', {
        from: $('#paths-from').value.trim(), to: $('#paths-to').value.trim(), k: $('#paths-k').value, max_hops: $('#paths-hops').value,
      });
      $('#paths-status').textContent = `${found.paths.length} paths from ${found.sources} sources to ${found.targets} sanctioned parties`;
      list.append(...pathItems(found.paths));
      const draw = el('button', { type: 'button' }, 'Draw these paths on the network');
      draw.addEventListener('click', () => { show(found.paths); network.showProcurement(found.paths); });
      list.prepend(el('li', { class: 'plain' }, draw));
    } catch (err) {
      $('#paths-status').textContent = `No paths: ${err.message}`;
    }
  });
}
