// How the network is drawn: colours by listing and role, shared by the
// canvas, the legend and the exports.

export const colours = {
  listed: '#c0392b',
  blocked: '#e67e22',
  vendor: '#2e86c1',
  reseller: '#aed6f1',
  front: '#8e44ad',
  hub: '#16a085',
  address: '#b3b6b7',
  other: '#5d6d7e',
  group: '#d5d8dc',
  path: '#f1c40f',
  edge: '#aab7b8',
  restricted: '#922b21',
  loophole: '#d68910',
};

// legend lists the colours a person reads on the network, most serious first.
export const legend = [
  ['listed', 'listed'], ['blocked', 'blocked by ownership or control'], ['vendor', 'vendor'], ['reseller', 'reseller'],
  ['front', 'front'], ['hub', 'transshipment hub'], ['other', 'other'], ['group', 'more, not shown'], ['path', 'evidence path'], ['restricted', 'restricted hop'], ['loophole', 'loophole hop'],
];

// nodeColour picks a node's colour: its listing first, then its role.
export function nodeColour(n) {
  if (n.group) return colours.group;
  if (n.status === 'listed') return colours.listed;
  if (n.status === 'blocked') return colours.blocked;
  const tags = n.tags || [];
  for (const role of ['vendor', 'reseller', 'front', 'hub']) {
    if (tags.includes(`role.${role}`)) return colours[role];
  }
  if (n.kind === 'Address') return colours.address;
  return colours.other;
}

// nodeSize grows with how serious a node's standing is.
export function nodeSize(n) {
  if (n.group) return 6;
  if (n.status) return 10;
  return n.kind === 'Address' ? 4 : 7;
}
