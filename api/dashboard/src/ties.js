// The network's ties as compact typed arrays, and the pure functions the network view runs
// over them. No spread of an array into a call (`Math.max(...weights)` overflows the call
// stack past ~120k arguments) and no recursion over nodes: loops over typed arrays only, so
// 5,000 partners and 250,000 ties cost a few milliseconds here.

// networkCompact's parallel lists → typed arrays, with the largest weight and every node's
// number of ties (its neighbours: ties are unique per pair).
export function compactTies(n, sources, targets, weights) {
  const m = sources.length;
  const s = Int32Array.from(sources);
  const t = Int32Array.from(targets);
  const w = Int32Array.from(weights);
  const degree = new Int32Array(n);
  let maxWeight = 0;
  for (let j = 0; j < m; j += 1) {
    degree[s[j]] += 1;
    degree[t[j]] += 1;
    if (w[j] > maxWeight) maxWeight = w[j];
  }
  return { n, m, sources: s, targets: t, weights: w, degree, maxWeight };
}

// [min, max] of the values that are not null, with `floor` inside the range; max > min.
export function extent(values, floor = 0) {
  let lo = floor;
  let hi = floor;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi > lo ? hi : lo + 1e-12];
}

// Edge indices from the strongest tie to the weakest (ties of equal weight in index order):
// a counting sort on the integer weights, O(m + maxWeight).
export function byWeight(ties) {
  const { m, weights, maxWeight } = ties;
  const start = new Int32Array(maxWeight + 2);
  for (let j = 0; j < m; j += 1) start[maxWeight - weights[j] + 1] += 1;
  for (let k = 1; k < start.length; k += 1) start[k] += start[k - 1];
  const order = new Int32Array(m);
  for (let j = 0; j < m; j += 1) order[start[maxWeight - weights[j]]++] = j;
  return order;
}

// The ties to draw when there are more than `budget`: first every partner's `perNode`
// strongest ties (so no partner looks isolated or loses its main partners; these alone may
// exceed a budget under perNode × n / 2), then the strongest of the rest up to the budget.
// Returns edge indices, strongest first; all of them (in index order) when m ≤ budget.
export function tiesToDraw(ties, budget, perNode = 2) {
  const { n, m, sources, targets } = ties;
  if (m <= budget) {
    const all = new Int32Array(m);
    for (let j = 0; j < m; j += 1) all[j] = j;
    return all;
  }
  const order = byWeight(ties);
  const taken = new Uint8Array(m);
  const kept = new Int32Array(n);
  const out = [];
  for (let k = 0; k < m; k += 1) {
    const j = order[k];
    if (kept[sources[j]] < perNode || kept[targets[j]] < perNode) {
      taken[j] = 1;
      kept[sources[j]] += 1;
      kept[targets[j]] += 1;
      out.push(j);
    }
  }
  for (let k = 0; k < m && out.length < budget; k += 1) {
    const j = order[k];
    if (!taken[j]) out.push(j);
  }
  return Int32Array.from(out);
}

// Node i's ties: [neighbour index, weight] pairs, strongest first.
export function tiesOf(ties, i) {
  const { m, sources, targets, weights } = ties;
  const out = [];
  for (let j = 0; j < m; j += 1) {
    if (sources[j] === i) out.push([targets[j], weights[j]]);
    else if (targets[j] === i) out.push([sources[j], weights[j]]);
  }
  return out.sort((a, b) => b[1] - a[1]);
}

// How many ties have both ends shown (`visible[i]` = 1), over all ties or over `drawn`.
export function countShown(ties, visible, drawn = null) {
  const { m, sources, targets } = ties;
  let count = 0;
  if (drawn) {
    for (let k = 0; k < drawn.length; k += 1) {
      const j = drawn[k];
      if (visible[sources[j]] && visible[targets[j]]) count += 1;
    }
    return count;
  }
  for (let j = 0; j < m; j += 1) if (visible[sources[j]] && visible[targets[j]]) count += 1;
  return count;
}

// Ties per node among the nodes shown.
export function shownDegree(ties, visible) {
  const { n, m, sources, targets } = ties;
  const degree = new Int32Array(n);
  for (let j = 0; j < m; j += 1) {
    const a = sources[j];
    const b = targets[j];
    if (visible[a] && visible[b]) {
      degree[a] += 1;
      degree[b] += 1;
    }
  }
  return degree;
}

// Run `step(i)` for i in [0, count) in slices of about `sliceMs` each, yielding to the
// event loop between slices (input and frames go first). Resolves when done, or rejects
// with `Cancelled` once `cancelled()` turns true.
export class Cancelled extends Error {}

const channel = typeof MessageChannel === "undefined" ? null : new MessageChannel();
const waiting = [];
if (channel) channel.port1.onmessage = () => waiting.shift()?.();
// A macrotask without setTimeout's 4 ms clamp: input and frames waiting go first.
export function yieldToEventLoop() {
  return new Promise((resolve) => {
    if (!channel) {
      setTimeout(resolve, 0);
      return;
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

export async function inSlices(count, step, { sliceMs = 12, cancelled = () => false } = {}) {
  let i = 0;
  while (i < count) {
    if (cancelled()) throw new Cancelled();
    const until = performance.now() + sliceMs;
    do {
      step(i);
      i += 1;
    } while (i < count && (i & 255 || performance.now() < until));
    if (i < count) await yieldToEventLoop();
  }
}
