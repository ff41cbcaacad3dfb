// The network: WebGL picture (sigma 4 + graphology), coloured by community/region/kind, sized
// by a chosen metric, edge thickness by tie weight. Data: `networkCompact` (parallel arrays,
// fast for 5k/50k), fetched once per (metric, TLP, window) and cached; the partner filters
// (region, kind, sector) only hide and show nodes and their ties in the graph already built,
// through sigma's reducers, so the layout and the WebGL buffers are reused. Focus (and any
// filter when the whole network is over the limit) asks the API which partners match, and
// hides the rest the same way. First paint uses a cheap layout (partners around their
// community's or region's place); ForceAtlas2 then refines it in a web worker for a bounded
// time, started after the first frame.
import Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import { gql } from "../gql.js";
import { el, fill, fmt, partnerLink, runCaption, setStatus, table } from "../dom.js";
import { describeFilters, filters, onFiltersChange, partnerFilter, tieWindow, tlpLevels } from "../filters.js";
import { KINDS, METRIC_LABEL, colourFor, label } from "../vocab.js";

const QUERY = `query Network($filter: PartnerFilter, $metric: MetricName!, $tlp: [TLP!],
    $window: DateWindow, $limit: Int!) {
  networkCompact(filter: $filter, metric: $metric, tlp: $tlp, window: $window, limit: $limit) {
    run { id computedAt } total truncated ids names kinds countries sectors communities values
    sources targets weights
  }
}`;
const MATCHING = `query Matching($filter: PartnerFilter, $tlp: [TLP!], $window: DateWindow, $limit: Int!) {
  networkCompact(filter: $filter, tlp: $tlp, window: $window, limit: $limit) { total ids }
}`;
const CACHE_SIZE = 4; // fetched networks kept (a 5k/66k network is a few MB)
const LIMIT = 5000;
const LAYOUT_MS = 4000;

let ref = null;
let sigma = null;
let layout = null;
let layoutTimer = null;
let pendingLayout = null; // a layout to start after the next frame (cancelled by stopLayout)
let data = null; // the fetched network the graph was built from
let dataKey = null;
let visible = null; // Uint8Array over data's nodes: 1 = shown under the current filters
let shownEdges = 0;
const cache = new Map(); // JSON of the query variables -> Promise of a networkCompact
let focused = null;
let neighbours = new Set();
let positions = new Map(); // id -> {x, y}: kept across reloads so filters don't reshuffle
let loading = null;
let stale = true;

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
  const vals = data.values.filter((v) => v !== null);
  const lo = Math.min(...vals, 0);
  const hi = Math.max(...vals, lo + 1e-12);
  const base = data.ids.length > 1500 ? 1.5 : 3;
  return data.values.map((v) => (v === null ? base : base + 14 * Math.sqrt((v - lo) / (hi - lo))));
}

function build() {
  const graph = new Graph({ type: "undirected", multi: false });
  const mode = document.getElementById("net-colour").value;
  const rand = rng(42);
  const size = sizes();
  const n = data.ids.length;
  // New nodes start around their community's (or region's) place on a large circle.
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
  const maxW = Math.max(1, ...data.weights);
  for (let j = 0; j < data.sources.length; j += 1) {
    const w = data.weights[j];
    graph.addEdge(data.ids[data.sources[j]], data.ids[data.targets[j]], {
      weight: w, s: data.sources[j], t: data.targets[j], size: 0.4 + 3.6 * Math.sqrt((w - 1) / Math.max(maxW - 1, 1)),
      color: "rgba(110, 110, 110, 0.28)" });
  }
  return graph;
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
  sigma.getGraph().updateEachNodeAttributes((id, attrs) => ({ ...attrs, size: size[attrs.index] }),
    { attributes: ["size"] });
}

function recolour() {
  if (!sigma || !data) return;
  const mode = document.getElementById("net-colour").value;
  const keys = groupKeys(mode);
  sigma.getGraph().updateEachNodeAttributes((id, attrs) => ({
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

function runLayout(graph) {
  stopLayout();
  if (graph.order < 2) return;
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500,
    slowDown: 3 };
  layout = new FA2Layout(graph, { settings, getEdgeWeight: "weight" });
  layout.start();
  layoutTimer = setTimeout(stopLayout, LAYOUT_MS);
}

function stopLayout() {
  pendingLayout = null;
  clearTimeout(layoutTimer);
  if (layout) {
    layout.kill();
    layout = null;
    const graph = sigma?.getGraph();
    graph?.forEachNode((id, a) => positions.set(id, { x: a.x, y: a.y }));
  }
}

function nodeReducer(key, display, attrs) {
  if (visible && !visible[attrs.index]) return { ...display, visibility: "hidden" };
  if (!focused) return display;
  if (key === focused) return { ...display, highlighted: true, zIndex: 2, labelVisibility: "visible" };
  if (neighbours.has(key)) return display;
  return { ...display, color: "#e4e4e4", labelVisibility: "hidden" };
}

function edgeReducer(key, display, attrs) {
  if (visible && !(visible[attrs.s] && visible[attrs.t])) return { ...display, visibility: "hidden" };
  if (!focused) return display;
  const g = sigma.getGraph();
  const [s, t] = g.extremities(key);
  return s === focused || t === focused ? { ...display, color: "rgba(40,40,40,0.7)" }
    : { ...display, visibility: "hidden" };
}

function ensureSigma(graph) {
  if (sigma) {
    sigma.setGraph(graph);
    return;
  }
  sigma = new Sigma(graph, document.getElementById("net-canvas"), {
    settings: { labelRenderedSizeThreshold: 7, hideEdgesOnMove: true, minEdgeThickness: 0.4,
      allowInvalidContainer: true }, // the view is hidden while another one is shown
    nodeReducer,
    edgeReducer,
  });
  sigma.on("clickNode", ({ node }) => {
    window.location.hash = `#/partner/${encodeURIComponent(node)}`;
  });
  sigma.on("afterRender", () => {
    testHook.renders += 1;
    testHook.firstRenderAt ??= performance.now();
    testHook.drawnAt ??= performance.now(); // the first frame after the last load
  });
}

export function focusOn(id) {
  const graph = sigma?.getGraph();
  if (!graph?.hasNode(id) || !visible[graph.getNodeAttribute(id, "index")]) return false;
  focused = id;
  neighbours = new Set(graph.neighbors(id).filter((n) => visible[graph.getNodeAttribute(n, "index")]));
  sigma.refresh();
  const d = sigma.getNodeDisplayData(id);
  if (d) sigma.getCamera().animate({ x: d.x, y: d.y, ratio: 0.35 }, { duration: 400 });
  const g = sigma.getGraph();
  const items = [...neighbours].map((n) => [g.getNodeAttribute(n, "label"), n,
    g.getEdgeAttribute(g.edge(id, n), "weight")]).sort((a, b) => b[2] - a[2]);
  document.getElementById("net-focus")?.remove();
  document.getElementById("net-legend").after(el("div", { id: "net-focus", class: "focus" },
    el("p", {}, "Focused on ", partnerLink(id, g.getNodeAttribute(id, "label")),
      ` and its ${items.length} neighbours.`),
    table(`Neighbours of ${g.getNodeAttribute(id, "label")}, by tie weight`,
      ["Partner", "Shared agreements and activities"],
      items.slice(0, 25).map(([name, n, w]) => [partnerLink(n, name), fmt(w)]))));
  return true;
}

function clearFocus() {
  focused = null;
  neighbours = new Set();
  document.getElementById("net-focus")?.remove();
  sigma?.refresh();
  sigma?.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 300 });
}

function altTable() {
  const order = data.ids.map((_, i) => i).filter((i) => visible[i]).sort((a, b) => (data.values[b] ?? -1) - (data.values[a] ?? -1));
  const degree = new Array(data.ids.length).fill(0);
  data.sources.forEach((s, j) => {
    const t = data.targets[j];
    if (visible[s] && visible[t]) {
      degree[s] += 1;
      degree[t] += 1;
    }
  });
  const metric = document.getElementById("net-size").value;
  const bare = !data.run;
  document.getElementById("net-table").replaceChildren(table(
    bare ? "Partners drawn (first 200 by name), with their ties in the picture"
      : `Partners drawn (top 200 by ${METRIC_LABEL[metric]}), with their ties in the picture`,
    bare ? ["Partner", "Kind", "Country", "Ties drawn"]
      : ["Partner", "Kind", "Country", "Community", METRIC_LABEL[metric], "Ties drawn"],
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
  const g = sigma.getGraph();
  const x = [Infinity, -Infinity];
  const y = [Infinity, -Infinity];
  g.forEachNode((id, a) => {
    if (!visible[a.index]) return;
    x[0] = Math.min(x[0], a.x); x[1] = Math.max(x[1], a.x);
    y[0] = Math.min(y[0], a.y); y[1] = Math.max(y[1], a.y);
  });
  sigma.setCustomBBox(Number.isFinite(x[0]) ? { x, y } : null);
}

async function load() {
  const metric = document.getElementById("net-size").value;
  setStatus("Loading the network…");
  const t0 = performance.now();
  const variables = { filter: null, ...networkVariables() };
  const key = JSON.stringify(variables);
  const fetched = await fetchCached(QUERY, variables);
  const previous = data;
  data = fetched;
  const { keep, total } = await matching();
  const t1 = performance.now();
  const hadFocus = focused;
  focused = null;
  const before = visible;
  visible = keep;
  let graph = sigma?.getGraph();
  let rebuilt = false;
  if (key !== dataKey) {
    if (sigma && sameShape(previous, data)) {
      resize(); // another metric: same partners and ties
    } else {
      stopLayout();
      graph = build();
      ensureSigma(graph); // the reducers already read the new `visible`
      rebuilt = true;
    }
    dataKey = key;
  }
  if (!rebuilt) {
    // Only visibility changed: re-reduce the nodes that flipped (sigma re-processes the ties).
    const flipped = [];
    for (let i = 0; i < data.ids.length; i += 1) if (!before || before[i] !== visible[i]) flipped.push(data.ids[i]);
    if (flipped.length) sigma.refresh({ partialGraph: { nodes: flipped } });
  }
  frame();
  recolour();
  shownEdges = 0;
  for (let j = 0; j < data.sources.length; j += 1) if (visible[data.sources[j]] && visible[data.targets[j]]) shownEdges += 1;
  let shownNodes = 0;
  for (let i = 0; i < visible.length; i += 1) shownNodes += visible[i];
  const t2 = performance.now();
  const canvas = document.getElementById("net-canvas");
  canvas.setAttribute("aria-label", `Network picture: ${shownNodes} partners and ` +
    `${shownEdges} ties. The table below lists them.`);
  fill(document.getElementById("net-caption"),
    `${fmt(shownNodes)} partners drawn of ${fmt(total)} matching` +
    `${shownNodes < total ? (data.run ? " (the top ones by PageRank)" : " (the first ones by name)") : ""}, ${fmt(shownEdges)} ties. ` +
    `${data.run ? `Size: ${METRIC_LABEL[metric]}` : "Size: equal (no metric run readable)"}; edge thickness: shared agreements and activities. ` +
    `Filters: ${describeFilters()}.`,
    ...(ref.metricsForbidden ? [] : [" ", runCaption(data.run), "."]));
  document.getElementById("partner-list").replaceChildren(
    ...data.names.flatMap((name, i) => (visible[i] ? [el("option", { value: name, "data-id": data.ids[i] })] : [])));
  altTable();
  testHook.drawnAt = null;
  sigma.scheduleRender();
  testHook.lastLoad = { fetchMs: t1 - t0, buildMs: t2 - t1, rebuilt, nodes: shownNodes, edges: shownEdges,
    at: performance.now() };
  setStatus("");
  if (rebuilt) afterFirstFrame(graph);
  if (hadFocus && visible[graph.getNodeAttribute(hadFocus, "index")]) focusOn(hadFocus);
}

// Start ForceAtlas2 once sigma has drawn the next frame (the layout never delays the first
// paint), unless stopLayout() or a newer graph came first.
function afterFirstFrame(graph) {
  pendingLayout = graph;
  // sigma draws in an animation frame scheduled before this one; the timeout lets it paint.
  requestAnimationFrame(() => setTimeout(() => {
    if (pendingLayout === graph && sigma.getGraph() === graph) runLayout(graph);
  }, 0));
}

function reload() {
  loading = load().catch((e) => setStatus(`Could not load the network: ${e.message}`, true));
  return loading;
}

// For tests and the benchmark: read-only facts about the picture.
export const testHook = {
  renders: 0,
  firstRenderAt: null,
  drawnAt: null,
  lastLoad: null,
  // Partners and ties shown (the graph also holds those the filters hide).
  nodeCount: () => (visible ? visible.reduce((a, v) => a + v, 0) : 0),
  edgeCount: () => shownEdges,
  viewportOf(id) {
    const g = sigma?.getGraph();
    if (!g?.hasNode(id) || !visible[g.getNodeAttribute(id, "index")]) return null;
    const a = g.getNodeAttributes(id);
    return sigma.graphToViewport({ x: a.x, y: a.y });
  },
  stopLayout,
  layoutRunning: () => layout !== null,
  layoutPending: () => pendingLayout !== null,
  whenLoaded: () => loading,
};

export function setupNetwork(reference) {
  ref = reference;
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
