// The network: WebGL picture (sigma 4 + graphology), coloured by community/region/kind, sized
// by a chosen metric, edge thickness by tie weight; ForceAtlas2 in a web worker refines the
// layout for a few seconds. Data: `networkCompact` (parallel arrays, fast for 5k/50k).
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
    run { id computedAt } total truncated ids names kinds countries communities values
    sources targets weights
  }
}`;
const LIMIT = 5000;
const LAYOUT_MS = 4000;

let ref = null;
let sigma = null;
let layout = null;
let layoutTimer = null;
let data = null;
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
  const keys = groupKeys("community");
  const rand = rng(42);
  const size = sizes();
  const n = data.ids.length;
  // New nodes start around their community's place on a large circle.
  const centres = new Map(keys.map((k, j) => [k, {
    x: Math.cos((2 * Math.PI * j) / Math.max(keys.length, 1)) * Math.sqrt(n) * 4,
    y: Math.sin((2 * Math.PI * j) / Math.max(keys.length, 1)) * Math.sqrt(n) * 4 }]));
  const colourKeys = groupKeys(mode);
  for (let i = 0; i < n; i += 1) {
    const id = data.ids[i];
    const c = centres.get(data.communities[i]) ?? { x: 0, y: 0 };
    const r = Math.sqrt(rand()) * Math.sqrt(n) * 1.5;
    const a = rand() * 2 * Math.PI;
    const p = positions.get(id) ?? { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
    graph.addNode(id, { x: p.x, y: p.y, size: size[i], label: data.names[i],
      color: colourFor(groupOf(i, mode), colourKeys) });
  }
  const maxW = Math.max(1, ...data.weights);
  for (let j = 0; j < data.sources.length; j += 1) {
    const w = data.weights[j];
    graph.addEdge(data.ids[data.sources[j]], data.ids[data.targets[j]], {
      weight: w, size: 0.4 + 3.6 * Math.sqrt((w - 1) / Math.max(maxW - 1, 1)),
      color: "rgba(110, 110, 110, 0.28)" });
  }
  return graph;
}

function recolour() {
  if (!sigma || !data) return;
  const mode = document.getElementById("net-colour").value;
  const keys = groupKeys(mode);
  const index = new Map(data.ids.map((id, i) => [id, i]));
  sigma.getGraph().updateEachNodeAttributes((id, attrs) => ({
    ...attrs, color: colourFor(groupOf(index.get(id), mode), keys) }));
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
  clearTimeout(layoutTimer);
  if (layout) {
    layout.kill();
    layout = null;
    const graph = sigma?.getGraph();
    graph?.forEachNode((id, a) => positions.set(id, { x: a.x, y: a.y }));
  }
}

function nodeReducer(key, display) {
  if (!focused) return display;
  if (key === focused) return { ...display, highlighted: true, zIndex: 2, labelVisibility: "visible" };
  if (neighbours.has(key)) return display;
  return { ...display, color: "#e4e4e4", labelVisibility: "hidden" };
}

function edgeReducer(key, display) {
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
  });
}

export function focusOn(id) {
  if (!sigma || !sigma.getGraph().hasNode(id)) return false;
  focused = id;
  neighbours = new Set(sigma.getGraph().neighbors(id));
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
  const order = data.ids.map((_, i) => i).sort((a, b) => (data.values[b] ?? -1) - (data.values[a] ?? -1));
  const degree = new Array(data.ids.length).fill(0);
  for (const s of data.sources) degree[s] += 1;
  for (const t of data.targets) degree[t] += 1;
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

async function load() {
  const metric = document.getElementById("net-size").value;
  setStatus("Loading the network…");
  const t0 = performance.now();
  const result = await gql(QUERY, { filter: partnerFilter(), metric, tlp: tlpLevels(),
    window: tieWindow(), limit: LIMIT });
  data = result.networkCompact;
  const t1 = performance.now();
  const hadFocus = focused;
  focused = null;
  const graph = build();
  ensureSigma(graph);
  recolour();
  const t2 = performance.now();
  const canvas = document.getElementById("net-canvas");
  canvas.setAttribute("aria-label", `Network picture: ${data.ids.length} partners and ` +
    `${data.sources.length} ties. The table below lists them.`);
  document.getElementById("net-caption").replaceChildren(
    `${fmt(data.ids.length)} partners drawn of ${fmt(data.total)} matching` +
    `${data.truncated ? " (the top ones by PageRank)" : ""}, ${fmt(data.sources.length)} ties. ` +
    `${data.run ? `Size: ${METRIC_LABEL[metric]}` : "Size: equal (no metric run readable)"}; edge thickness: shared agreements and activities. ` +
    `Filters: ${describeFilters()}.`,
    ...(ref.metricsForbidden ? [] : [" ", runCaption(data.run), "."]));
  document.getElementById("partner-list").replaceChildren(
    ...data.names.map((name, i) => el("option", { value: name, "data-id": data.ids[i] })));
  altTable();
  testHook.lastLoad = { fetchMs: t1 - t0, buildMs: t2 - t1, nodes: graph.order, edges: graph.size,
    at: performance.now() };
  setStatus("");
  runLayout(graph);
  if (hadFocus) focusOn(hadFocus);
}

function reload() {
  loading = load().catch((e) => setStatus(`Could not load the network: ${e.message}`, true));
  return loading;
}

// For tests and the benchmark: read-only facts about the picture.
export const testHook = {
  renders: 0,
  firstRenderAt: null,
  lastLoad: null,
  nodeCount: () => sigma?.getGraph().order ?? 0,
  edgeCount: () => sigma?.getGraph().size ?? 0,
  viewportOf(id) {
    const g = sigma?.getGraph();
    if (!g?.hasNode(id)) return null;
    const a = g.getNodeAttributes(id);
    return sigma.graphToViewport({ x: a.x, y: a.y });
  },
  stopLayout,
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
