// The network: WebGL picture (sigma 4 + graphology), coloured by community/region/kind, sized
// by a chosen metric, edge thickness by tie weight. Data: `networkCompact` (parallel arrays),
// fetched once per (metric, TLP, window) and cached, then held as typed arrays (ties.js).
// The partner filters (region, kind, sector) only hide and show nodes in the graph already
// built, through sigma's node states (sigma hides the ties of hidden nodes itself), so the
// layout and the WebGL buffers are reused. Focus (and any filter when the whole network is
// over the limit) asks the API which partners match, and hides the rest the same way.
//
// For 5,000 partners and 250,000 ties: the ties are added to the picture in slices of a few
// milliseconds (progressive rendering: the first frame shows the partners, the ties
// follow), at most DRAW_BUDGET of them (the strongest, every partner keeping its own
// strongest; the caption says so), and ForceAtlas2 refines the layout in a web worker after
// the last tie is drawn. The tables, counts and the focus panel use every tie. Sigma's own
// passes over the drawn ties still take one task each (docs/DASHBOARD.md: the long tasks).
import Graph from "graphology";
import Sigma from "sigma";
import { DEFAULT_STYLES } from "sigma/types";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import { gql } from "../gql.js";
import { el, fill, fmt, partnerLink, runCaption, setStatus, table } from "../dom.js";
import { describeFilters, filters, onFiltersChange, partnerFilter, tieWindow, tlpLevels } from "../filters.js";
import { Cancelled, compactTies, countShown, extent, inSlices, shownDegree, tiesOf, tiesToDraw,
  yieldToEventLoop } from "../ties.js";
import { KINDS, METRIC_LABEL, TLP_ORDER, colourFor, label } from "../vocab.js";

const QUERY = `query Network($filter: PartnerFilter, $metric: MetricName!, $tlp: [TLP!],
    $window: DateWindow, $limit: Int!) {
  networkCompact(filter: $filter, metric: $metric, tlp: $tlp, window: $window, limit: $limit) {
    run { id computedAt params summary } total truncated ids names kinds countries sectors
    communities values sources targets weights
  }
}`;
const MATCHING = `query Matching($filter: PartnerFilter, $tlp: [TLP!], $window: DateWindow, $limit: Int!) {
  networkCompact(filter: $filter, tlp: $tlp, window: $window, limit: $limit) { total ids }
}`;
const DEGREE = `query Degree($id: ID!) { partner(id: $id) { metrics { degree runId } } }`;
const CACHE_SIZE = 4; // fetched networks kept (a 5k/250k network is a few MB)
const LIMIT = 5000;
const LAYOUT_MS = 4000;
// Ties drawn at most: sigma's own pass over the drawn ties runs in one task per frame, and
// its cost grows with their number (bench/bench_dashboard.py, docs/DASHBOARD.md).
export const DRAW_BUDGET = 50000;
const EDGE_COLOUR = "rgba(110, 110, 110, 0.28)";
const FOCUS_EDGE_COLOUR = "rgba(40, 40, 40, 0.7)";

let ref = null;
// One graph for the page's lifetime, cleared and refilled on each build: sigma keeps
// indices bound to the graph it was created with (setGraph leaves them on the old one).
const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
let sigma = null;
let layout = null;
let layoutTimer = null;
let pendingLayout = null; // a layout to start after the next frame (cancelled by stopLayout)
let data = null; // the fetched network the graph was built from
let ties = null; // its ties as typed arrays (ties.js)
let drawn = null; // indices of the ties in the picture
let added = 0; // how many of them are in the graph so far (they arrive in slices)
let dataKey = null;
let visible = null; // Uint8Array over data's nodes: 1 = shown under the current filters
let shownEdges = 0;
let shownDrawn = 0;
const cache = new Map(); // JSON of the query variables -> Promise of a networkCompact
let focused = null; // node index of the focused partner
let focusedKey = null; // and its id
let focusSet = null; // Uint8Array: the focused partner and its neighbours
let hiddenState = null; // Uint8Array: the isHidden state each partner has in sigma now
let highlighted = [];
let positions = new Map(); // id -> {x, y}: kept across reloads so filters don't reshuffle
let loading = null;
let generation = 0; // bumped by each load: a slower earlier build stops adding ties
let stale = true;
const frameWaiters = []; // resolved by sigma's next frame

// The next frame sigma draws (its draw calls issued).
function nextDraw() {
  return new Promise((resolve) => frameWaiters.push(resolve));
}

// Deterministic pseudo-random numbers: the same data draws the same first picture.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

function groupKeys(mode) {
  if (mode === "kind") return KINDS;
  if (mode === "region") return ref.regions.map((r) => r.code);
  const sizes = new Map();
  for (const c of data.communities) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  return [...sizes.keys()].sort((a, b) => sizes.get(b) - sizes.get(a));
}

// Communities need the metric run; without it, the first layout groups partners by region.
function layoutGroup(i) {
  return data.run ? data.communities[i] : ref.countryRegion.get(data.countries[i]) ?? null;
}

function groupOf(i, mode) {
  if (mode === "kind") return data.kinds[i];
  if (mode === "region") return ref.countryRegion.get(data.countries[i]) ?? null;
  return data.communities[i];
}

function sizes() {
  const [lo, hi] = extent(data.values, 0);
  const base = data.ids.length > 1500 ? 1.5 : 3;
  return data.values.map((v) => (v === null ? base : base + 14 * Math.sqrt((v - lo) / (hi - lo))));
}

// The partners, each around its community's (or region's) place on a large circle; the ties
// come after (addTies).
function buildNodes() {
  graph.clear();
  const mode = document.getElementById("net-colour").value;
  const rand = rng(42);
  const size = sizes();
  const n = data.ids.length;
  const counts = new Map();
  for (let i = 0; i < n; i += 1) counts.set(layoutGroup(i), (counts.get(layoutGroup(i)) ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a));
  const centres = new Map(keys.map((k, j) => [k, {
    x: Math.cos((2 * Math.PI * j) / Math.max(keys.length, 1)) * Math.sqrt(n) * 4,
    y: Math.sin((2 * Math.PI * j) / Math.max(keys.length, 1)) * Math.sqrt(n) * 4 }]));
  const colourKeys = groupKeys(mode);
  for (let i = 0; i < n; i += 1) {
    const id = data.ids[i];
    const c = centres.get(layoutGroup(i)) ?? { x: 0, y: 0 };
    const r = Math.sqrt(rand()) * Math.sqrt(counts.get(layoutGroup(i))) * 3;
    const a = rand() * 2 * Math.PI;
    const p = positions.get(id) ?? { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
    graph.addNode(id, { x: p.x, y: p.y, size: size[i], label: data.names[i], index: i,
      color: colourFor(groupOf(i, mode), colourKeys) });
  }
}

// The drawn ties not yet in the graph, in slices (sigma does its work for each tie as it
// arrives). A newer load stops it; the next load with the same data carries on from there.
// Edge keys are the ties' indices in `ties`. Meanwhile sigma draws no frame unless the
// camera moves: each frame would re-process every tie added so far and redraw them all, so
// the first frame shows the partners and the next one every tie.
async function addTies(gen) {
  const { sources, targets, weights } = ties;
  const span = Math.max(ties.maxWeight - 1, 1);
  const from = added;
  const held = sigma;
  const schedule = held.scheduleRender;
  held.scheduleRender = function hold() {
    return this.getCamera().isAnimating() || this.getMouseCaptor().isMoving
      ? schedule.call(this) : this;
  };
  try {
    await inSlices(drawn.length - from, (k) => {
      const j = drawn[from + k];
      graph.addUndirectedEdgeWithKey(j, data.ids[sources[j]], data.ids[targets[j]], {
        weight: weights[j], size: 0.4 + 3.6 * Math.sqrt((weights[j] - 1) / span) });
      added = from + k + 1;
    }, { cancelled: () => gen !== generation });
  } finally {
    delete held.scheduleRender; // the prototype's again
    held.scheduleRender();
  }
}

// Same partners and ties (only the metric differs): new sizes and colours, same graph.
function sameShape(a, b) {
  if (!a || a.ids.length !== b.ids.length || a.sources.length !== b.sources.length) return false;
  for (let i = 0; i < a.ids.length; i += 1) if (a.ids[i] !== b.ids[i]) return false;
  for (let j = 0; j < a.sources.length; j += 1) {
    if (a.sources[j] !== b.sources[j] || a.targets[j] !== b.targets[j]) return false;
  }
  return true;
}

function resize() {
  const size = sizes();
  graph.updateEachNodeAttributes((id, attrs) => ({ ...attrs, size: size[attrs.index] }),
    { attributes: ["size"] });
}

function recolour() {
  if (!sigma || !data) return;
  const mode = document.getElementById("net-colour").value;
  const keys = groupKeys(mode);
  graph.updateEachNodeAttributes((id, attrs) => ({
    ...attrs, color: colourFor(groupOf(attrs.index, mode), keys) }), { attributes: ["color"] });
  legend(mode, keys);
}

function legend(mode, keys) {
  const box = document.getElementById("net-legend");
  const shown = mode === "community" ? keys.slice(0, 12) : keys;
  const name = (k) => (mode === "region" ? ref.regionName.get(k) ?? k
    : mode === "kind" ? label(k) : `Community ${k}`);
  fill(box, el("span", { class: "legend-title" }, `Colour: ${mode}`),
    ...shown.map((k) => el("span", { class: "legend-item" },
      el("span", { class: "swatch", "data-colour": colourFor(k, keys) }), name(k))),
    mode === "community" && keys.length > 12 ? el("span", {}, `+${keys.length - 12} smaller`) : null);
  // Swatch colours are set through CSSOM (the CSP forbids inline style attributes).
  for (const s of box.querySelectorAll(".swatch")) s.style.background = s.dataset.colour;
}

function runLayout() {
  stopLayout();
  if (graph.order < 2) return;
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500,
    slowDown: 3 };
  layout = new FA2Layout(graph, { settings, getEdgeWeight: "weight" });
  layout.start();
  layoutTimer = setTimeout(() => {
    stopLayout();
    testHook.layoutsDone += 1;
  }, LAYOUT_MS);
}

function stopLayout() {
  pendingLayout = null;
  clearTimeout(layoutTimer);
  if (layout) {
    layout.kill();
    layout = null;
    graph.forEachNode((id, a) => positions.set(id, { x: a.x, y: a.y }));
  }
}

// No reducers: a reducer runs for every node (and tie) at every refresh, and every layout
// step refreshes every node. Partners are hidden and the focused one raised through their
// state (isHidden, isHighlighted), which the styles below read; sigma hides the ties of
// hidden partners itself, and the focused partner's ties are highlighted the same way.
const STYLES = {
  nodes: { ...DEFAULT_STYLES.nodes,
    labelVisibility: { whenState: "isHighlighted", then: "visible",
      else: DEFAULT_STYLES.nodes.labelVisibility },
    depth: { whenState: "isHighlighted", then: "topNodes", else: DEFAULT_STYLES.nodes.depth } },
  edges: { ...DEFAULT_STYLES.edges,
    color: { whenState: "isHighlighted", then: FOCUS_EDGE_COLOUR, else: EDGE_COLOUR } },
};

function hiddenAt(i) {
  return !visible[i] || (focusSet !== null && !focusSet[i]);
}

// Give the partners at these indices the visibility the filters and the focus ask for
// (only those whose visibility changes are touched: each costs sigma a node refresh).
function applyVisibility(indices) {
  const hide = [];
  const show = [];
  for (const i of indices) {
    const h = hiddenAt(i) ? 1 : 0;
    if (h === hiddenState[i]) continue;
    hiddenState[i] = h;
    (h ? hide : show).push(data.ids[i]);
  }
  if (!hide.length && !show.length) return;
  sigma.setNodesState(hide, { isHidden: true });
  sigma.setNodesState(show, { isHidden: false });
  // A partial refresh re-processes these partners, and the ties when a visibility changed.
  sigma.refresh({ partialGraph: { nodes: hide.concat(show) }, schedule: true });
}

function allIndices() {
  return data.ids.map((_, i) => i);
}

function ensureSigma() {
  if (sigma) return;
  sigma = new Sigma(graph, document.getElementById("net-canvas"), {
    settings: { labelRenderedSizeThreshold: 7, hideEdgesOnMove: true, minEdgeThickness: 0.4,
      allowInvalidContainer: true }, // the view is hidden while another one is shown
    styles: STYLES,
  });
  sigma.on("clickNode", ({ node }) => {
    window.location.hash = `#/partner/${encodeURIComponent(node)}`;
  });
  sigma.on("afterRender", () => {
    const now = performance.now();
    testHook.renders += 1;
    if (!graph.order) return; // sigma's start, before any data
    testHook.firstRenderAt ??= now;
    testHook.drawnAt ??= now; // the first frame after the last load
    if (testHook.lastLoad && testHook.lastLoad.complete && testHook.completeAt === null) {
      testHook.completeAt = now; // the first frame with every drawn tie
    }
    for (const resolve of frameWaiters.splice(0)) resolve();
  });
}

// What the picture shows and what the metric run counted, side by side: the picture ties
// two partners by any agreement or activity the viewer may see, of any status and date;
// the run counted only the evidence in force on its date, up to its TLP ceiling.
function countsNote() {
  const run = data.run;
  const counted = run?.summary?.edges;
  if (counted === undefined || counted === null) return null;
  const asOf = run.params?.as_of ?? "its date";
  const ceiling = TLP_ORDER[run.params?.tlp_max] ?? "its ceiling";
  return el("p", { id: "net-counts", class: "caption" },
    `${fmt(ties.m)} ties here: pairs of partners shown that share any agreement or activity you ` +
    `may see, of any status or date. The metric run counted ${fmt(counted)} ties among all ` +
    `partners: only evidence in force on ${asOf} (no drafts, planned or cancelled activities, ` +
    `ties whose only agreements were terminated, nothing signed later), up to TLP ${ceiling}; ` +
    "degree and the other metrics count those.");
}

async function showDegree(id, name, neighbours) {
  const target = document.getElementById("net-focus-degree");
  if (!target || ref.metricsForbidden || !data.run) return;
  try {
    const m = (await gql(DEGREE, { id })).partner?.metrics;
    if (!m || document.getElementById("net-focus-degree") !== target) return;
    target.textContent = m.degree === neighbours ? ` Its degree in metric run ${m.runId} is the same.`
      : ` Its degree in metric run ${m.runId} is ${fmt(m.degree)}: the run counts only ties in force ` +
        "on its date, up to its TLP ceiling (see the note above the picture).";
  } catch {
    target.textContent = "";
  }
}

export function focusOn(id) {
  if (!sigma || !graph.hasNode(id)) return false;
  const i = graph.getNodeAttribute(id, "index");
  if (!visible[i]) return false;
  const items = tiesOf(ties, i).filter(([k]) => visible[k]);
  unfocus();
  focused = i;
  focusedKey = id;
  focusSet = new Uint8Array(data.ids.length);
  focusSet[i] = 1;
  for (const [k] of items) focusSet[k] = 1;
  highlighted = graph.edges(id);
  sigma.setEdgesState(highlighted, { isHighlighted: true });
  sigma.setNodeState(id, { isHighlighted: true });
  applyVisibility(allIndices());
  const d = sigma.getNodeDisplayData(id);
  if (d) sigma.getCamera().animate({ x: d.x, y: d.y, ratio: 0.35 }, { duration: 400 });
  const name = data.names[i];
  const inPicture = highlighted.length;
  document.getElementById("net-focus")?.remove();
  document.getElementById("net-legend").after(el("div", { id: "net-focus", class: "focus" },
    el("p", {}, "Focused on ", partnerLink(id, name), ` and its ${fmt(items.length)} neighbours` +
      (inPicture < items.length ? ` (${fmt(inPicture)} of its ties drawn: the strongest)` : "") +
      ", with the ties among them.", el("span", { id: "net-focus-degree" })),
    table(`Neighbours of ${name}, by tie weight`,
      ["Partner", "Shared agreements and activities"],
      items.slice(0, 25).map(([k, w]) => [partnerLink(data.ids[k], data.names[k]), fmt(w)]))));
  showDegree(id, name, items.length);
  return true;
}

// Drop the focus marks (states) without touching visibility.
function unfocus() {
  if (sigma && focusedKey !== null) {
    sigma.setEdgesState(highlighted, { isHighlighted: false });
    if (graph.hasNode(focusedKey)) sigma.setNodeState(focusedKey, { isHighlighted: false });
  }
  focused = null;
  focusedKey = null;
  focusSet = null;
  highlighted = [];
}

function clearFocus() {
  const wasFocused = focused !== null;
  unfocus();
  document.getElementById("net-focus")?.remove();
  if (!sigma || !wasFocused) return;
  applyVisibility(allIndices());
  sigma.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 300 });
}

function altTable() {
  const order = data.ids.map((_, i) => i).filter((i) => visible[i]).sort((a, b) => (data.values[b] ?? -1) - (data.values[a] ?? -1));
  const degree = shownDegree(ties, visible);
  const metric = document.getElementById("net-size").value;
  const bare = !data.run;
  document.getElementById("net-table").replaceChildren(table(
    bare ? "Partners shown (first 200 by name), with their ties among the partners shown"
      : `Partners shown (top 200 by ${METRIC_LABEL[metric]}), with their ties among the partners shown`,
    bare ? ["Partner", "Kind", "Country", "Ties"]
      : ["Partner", "Kind", "Country", "Community", METRIC_LABEL[metric], "Ties"],
    order.slice(0, 200).map((i) => [partnerLink(data.ids[i], data.names[i]), label(data.kinds[i]),
      data.countries[i] ?? "—", ...(bare ? [] : [fmt(data.communities[i]), fmt(data.values[i])]),
      fmt(degree[i])])));
}

// The fetched network for these query variables, from the cache or the API.
function fetchCached(query, variables) {
  const key = JSON.stringify([query === QUERY ? "full" : "ids", variables]);
  if (!cache.has(key)) {
    const p = gql(query, variables).then((r) => r.networkCompact);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  }
  return cache.get(key);
}

function networkVariables() {
  return { metric: document.getElementById("net-size").value, tlp: tlpLevels(),
    window: tieWindow(), limit: LIMIT };
}

// Started by main.js before the reference data arrives, when the first view is the network.
export function prefetch() {
  fetchCached(QUERY, { filter: null, ...networkVariables(), metric: "PAGERANK" });
}

// Which of the fetched partners the filters keep: region, kind and sector are known here;
// focus (or any filter when the fetched network is truncated) needs the API.
async function matching() {
  const f = filters();
  const n = data.ids.length;
  const keep = new Uint8Array(n).fill(1);
  const server = partnerFilter();
  if (!server) return { keep, total: data.total };
  if (f.focus || data.truncated) {
    const { metric, ...rest } = networkVariables(); // eslint-disable-line no-unused-vars
    const m = await fetchCached(MATCHING, { filter: server, ...rest });
    const ids = new Set(m.ids);
    for (let i = 0; i < n; i += 1) keep[i] = ids.has(data.ids[i]) ? 1 : 0;
    return { keep, total: m.total };
  }
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    const ok = (!f.region || ref.countryRegion.get(data.countries[i]) === f.region)
      && (!f.kind || data.kinds[i] === f.kind) && (!f.sector || data.sectors[i] === f.sector);
    keep[i] = ok ? 1 : 0;
    total += keep[i];
  }
  return { keep, total };
}

// Frame the partners shown: sigma normalises to this box instead of the whole graph's.
function frame() {
  if (visible.every((v) => v === 1)) {
    sigma.setCustomBBox(null);
    return;
  }
  const x = [Infinity, -Infinity];
  const y = [Infinity, -Infinity];
  graph.forEachNode((id, a) => {
    if (!visible[a.index]) return;
    x[0] = Math.min(x[0], a.x); x[1] = Math.max(x[1], a.x);
    y[0] = Math.min(y[0], a.y); y[1] = Math.max(y[1], a.y);
  });
  sigma.setCustomBBox(Number.isFinite(x[0]) ? { x, y } : null);
}

function caption(metric, total) {
  let shownNodes = 0;
  for (let i = 0; i < visible.length; i += 1) shownNodes += visible[i];
  const partial = shownDrawn < shownEdges;
  document.getElementById("net-canvas").setAttribute("aria-label",
    `Network picture: ${shownNodes} partners and ${partial ? `the strongest ${shownDrawn} of ` : ""}` +
    `${shownEdges} ties. The table below lists them.`);
  fill(document.getElementById("net-caption"),
    `${fmt(shownNodes)} partners drawn of ${fmt(total)} matching` +
    `${shownNodes < total ? (data.run ? " (the top ones by PageRank)" : " (the first ones by name)") : ""}, ` +
    `${fmt(shownEdges)} ties` +
    (partial ? ` (${fmt(shownDrawn)} drawn: the strongest, every partner keeping its two ` +
      `strongest; the picture holds at most ${fmt(DRAW_BUDGET)}; the table and the focus panel count them all)` : "") +
    ". " +
    `${data.run ? `Size: ${METRIC_LABEL[metric]}` : "Size: equal (no metric run readable)"}; edge thickness: shared agreements and activities. ` +
    `Filters: ${describeFilters()}.`,
    ...(ref.metricsForbidden ? [] : [" ", runCaption(data.run), "."]));
  document.getElementById("net-counts")?.remove();
  const note = countsNote();
  if (note) document.getElementById("net-caption").after(note);
  return shownNodes;
}

function partnerList() {
  const list = document.createDocumentFragment();
  for (let i = 0; i < data.ids.length; i += 1) {
    if (visible[i]) list.append(el("option", { value: data.names[i], "data-id": data.ids[i] }));
  }
  document.getElementById("partner-list").replaceChildren(list);
}

async function load() {
  const gen = (generation += 1);
  const metric = document.getElementById("net-size").value;
  setStatus("Loading the network…");
  const t0 = performance.now();
  const variables = { filter: null, ...networkVariables() };
  const key = JSON.stringify(variables);
  const fetched = await fetchCached(QUERY, variables);
  if (gen !== generation) return;
  const previous = data;
  data = fetched;
  const { keep, total } = await matching();
  if (gen !== generation) return;
  const t1 = performance.now();
  const hadFocus = focusedKey;
  unfocus(); // its marks belong to the graph as it was
  document.getElementById("net-focus")?.remove();
  const before = visible;
  visible = keep;
  let rebuilt = false;
  if (key !== dataKey || !ties) {
    if (sigma && ties && added === drawn.length && sameShape(previous, data)) {
      resize(); // another metric: same partners and ties
    } else {
      // Each step below is one task; between them, input and frames go first.
      stopLayout();
      dataKey = null; // until this build is in place, any other load builds again
      ties = compactTies(data.ids.length, data.sources, data.targets, data.weights);
      drawn = tiesToDraw(ties, DRAW_BUDGET);
      added = 0;
      await yieldToEventLoop();
      if (gen !== generation) return;
      buildNodes();
      hiddenState = new Uint8Array(data.ids.length); // a new node is shown
      await yieldToEventLoop();
      if (gen !== generation) return;
      applyVisibility(allIndices());
      rebuilt = true;
    }
    dataKey = key;
  }
  if (!rebuilt) {
    // Only visibility changed: the partners that flipped (sigma re-processes the ties).
    const flipped = [];
    for (let i = 0; i < data.ids.length; i += 1) if (!before || before[i] !== visible[i]) flipped.push(i);
    if (flipped.length) applyVisibility(flipped);
  }
  frame();
  if (rebuilt) legend(document.getElementById("net-colour").value,
    groupKeys(document.getElementById("net-colour").value)); // the colours are set already
  else recolour();
  shownEdges = countShown(ties, visible);
  shownDrawn = countShown(ties, visible, drawn);
  const shownNodes = caption(metric, total);
  await yieldToEventLoop();
  if (gen !== generation) return;
  partnerList();
  await yieldToEventLoop();
  if (gen !== generation) return;
  altTable();
  testHook.drawnAt = null;
  testHook.completeAt = null;
  sigma.scheduleRender();
  const t2 = performance.now();
  const complete = added === drawn.length;
  testHook.lastLoad = { fetchMs: t1 - t0, buildMs: t2 - t1, rebuilt, nodes: shownNodes,
    edges: shownEdges, drawnEdges: shownDrawn, at: performance.now(), complete };
  if (!complete) {
    setStatus(`Drawing ${fmt(drawn.length)} ties…`);
    await nextDraw(); // the partners first: that frame then holds no tie to process
    if (gen !== generation) return;
    await addTies(gen);
    testHook.lastLoad = { ...testHook.lastLoad, tiesMs: performance.now() - t2, complete: true,
      completedAt: performance.now() };
    sigma.scheduleRender();
    afterFirstFrame(gen); // the layout starts once every tie is in
  } else if (rebuilt) {
    afterFirstFrame(gen);
  }
  setStatus("");
  if (hadFocus !== null && graph.hasNode(hadFocus)) focusOn(hadFocus);
}

// Start ForceAtlas2 once sigma has drawn the next frame (the layout never delays the first
// paint), unless stopLayout() or a newer load came first.
function afterFirstFrame(gen) {
  pendingLayout = gen;
  // sigma draws in an animation frame scheduled before this one; the timeout lets it paint.
  requestAnimationFrame(() => setTimeout(() => {
    if (pendingLayout === gen && gen === generation) runLayout();
  }, 0));
}

function reload() {
  loading = load().catch((e) => {
    if (!(e instanceof Cancelled)) setStatus(`Could not load the network: ${e.message}`, true);
  });
  return loading;
}

// For tests and the benchmark: read-only facts about the picture.
export const testHook = {
  renders: 0,
  firstRenderAt: null,
  drawnAt: null,
  completeAt: null,
  lastLoad: null,
  layoutsDone: 0, // layouts that ran their course (not stopped by a newer load)
  // Partners and ties shown (the graph also holds those the filters hide); ties drawn.
  nodeCount: () => (visible ? visible.reduce((a, v) => a + v, 0) : 0),
  edgeCount: () => shownEdges,
  drawnEdgeCount: () => shownDrawn,
  viewportOf(id) {
    if (!sigma || !graph.hasNode(id) || !visible[graph.getNodeAttribute(id, "index")]) return null;
    const a = graph.getNodeAttributes(id);
    return sigma.graphToViewport({ x: a.x, y: a.y });
  },
  stopLayout,
  layoutRunning: () => layout !== null,
  layoutPending: () => pendingLayout !== null,
  whenLoaded: () => loading,
};

export function setupNetwork(reference) {
  ref = reference;
  // Sigma's own start (shaders, the label font atlas) happens now, while the data loads.
  ensureSigma();
  if (ref.metricsForbidden) {
    // The bare network: no metric sizes, no communities (docs/SECURITY.md). Say why.
    const colour = document.getElementById("net-colour");
    colour.querySelector("option[value=community]").disabled = true;
    colour.value = "region";
    document.getElementById("net-size").disabled = true;
    document.getElementById("net-caption").before(el("p", { id: "net-note", class: "notice", role: "note" },
      "Sizes by metric and colours by community are not shown: they come from the latest metric run, " +
      "which needs analyst access with a clearance that reaches it. ",
      el("span", { class: "reason" }, `The API says: ${ref.metricsForbidden}`)));
  }
  document.getElementById("net-colour").addEventListener("change", recolour);
  document.getElementById("net-size").addEventListener("change", () => {
    if (!document.getElementById("view-network").hidden) reload(); else stale = true;
  });
  const search = document.getElementById("net-search");
  search.addEventListener("change", () => {
    const opt = [...document.getElementById("partner-list").options].find((o) => o.value === search.value);
    if (opt && focusOn(opt.dataset.id)) setStatus(`Focused on ${search.value}.`);
    else if (search.value) setStatus(`No partner named “${search.value}” in the picture.`, true);
  });
  document.getElementById("net-clear-focus").addEventListener("click", () => {
    search.value = "";
    clearFocus();
  });
  onFiltersChange(() => {
    if (!document.getElementById("view-network").hidden) reload(); else stale = true;
  });
}

export function showNetwork() {
  if (stale || !data) {
    stale = false;
    return reload();
  }
  sigma?.resize();
  sigma?.refresh();
  return loading;
}

export function hideNetwork() {
  stopLayout();
}

export { filters };
