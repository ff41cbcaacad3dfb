// Rankings: the top partners by any metric (server-side `rankings`), same filters as the
// network; every column sortable in the browser (buttons in the headers, aria-sort).
import { forbiddenReason, gql } from "../gql.js";
import { el, fmt, metricsNotice, partnerLink, runCaption, setStatus } from "../dom.js";
import { describeFilters, onFiltersChange, partnerFilter } from "../filters.js";
import { METRICS, METRIC_LABEL, label } from "../vocab.js";

const TOP = 100;
const QUERY = `query Rankings($metric: MetricName!, $filter: PartnerFilter, $top: Int!) {
  latestMetricRun { id computedAt }
  rankings(metric: $metric, filter: $filter, top: $top) {
    rank value
    partner { id name kind countryCode sector
      metrics { ${METRICS.map(([, , f]) => f).join(" ")} runId } }
  }
}`;
const COLUMNS = [
  { key: "rank", title: "Rank", get: (r) => r.rank },
  { key: "name", title: "Partner", get: (r) => r.partner.name, cell: (r) => partnerLink(r.partner.id, r.partner.name) },
  { key: "kind", title: "Kind", get: (r) => label(r.partner.kind) },
  { key: "country", title: "Country", get: (r) => r.partner.countryCode ?? "" },
  ...METRICS.map(([k, title, f]) => ({ key: k, title, numeric: true,
    get: (r) => r.partner.metrics?.[f] ?? null })),
];

let rows = [];
let sort = { key: "rank", dir: 1 };
let stale = true;
let run = null;
let ref = null;

// Without access to the latest run's results: say so, where the table would be.
function forbidden(reason) {
  rows = [];
  document.getElementById("rank-table").replaceChildren(metricsNotice(reason, "Rankings"));
  document.getElementById("rank-caption").replaceChildren();
  setStatus("");
}

function compare(a, b, col) {
  const x = col.get(a);
  const y = col.get(b);
  if (x === y) return a.rank - b.rank;
  if (x === null || x === "") return 1;
  if (y === null || y === "") return -1;
  return (x < y ? -1 : 1) * sort.dir;
}

function render() {
  const col = COLUMNS.find((c) => c.key === sort.key);
  const sorted = [...rows].sort((a, b) => compare(a, b, col));
  const metric = document.getElementById("rank-metric").value;
  const head = COLUMNS.map((c) => {
    const active = c.key === sort.key;
    return el("th", { scope: "col", class: c.numeric ? "num" : null,
      "aria-sort": active ? (sort.dir > 0 ? "ascending" : "descending") : "none" },
    el("button", { type: "button", "data-sort": c.key, onclick: () => {
      sort = { key: c.key, dir: active ? -sort.dir : (c.numeric ? -1 : 1) };
      render();
      document.querySelector(`#rank-table button[data-sort="${c.key}"]`)?.focus();
    } }, c.title, active ? (sort.dir > 0 ? " ▲" : " ▼") : ""));
  });
  const body = sorted.map((r) => el("tr", { "data-partner": r.partner.id }, COLUMNS.map((c, i) => {
    const content = c.cell ? c.cell(r) : fmt(c.get(r));
    return i === 1 ? el("th", { scope: "row" }, content) : el("td", { class: c.numeric ? "num" : null }, content);
  })));
  document.getElementById("rank-table").replaceChildren(el("div", { class: "scroll", tabindex: 0,
    role: "region", "aria-label": "Rankings table" }, el("table", { id: "rankings" },
    el("caption", {}, `Top ${rows.length} partners by ${METRIC_LABEL[metric]} (${describeFilters()}); ` +
      "select a column header to sort by it."),
    el("thead", {}, el("tr", {}, head)), el("tbody", {}, body))));
  document.getElementById("rank-caption").replaceChildren(runCaption(run), ".");
}

async function load() {
  const metric = document.getElementById("rank-metric").value;
  if (ref?.metricsForbidden) {
    forbidden(ref.metricsForbidden);
    return;
  }
  setStatus("Loading rankings…");
  try {
    const data = await gql(QUERY, { metric, filter: partnerFilter(), top: TOP });
    rows = data.rankings;
    run = data.latestMetricRun;
    sort = { key: "rank", dir: 1 };
    render();
    setStatus("");
  } catch (e) {
    const reason = forbiddenReason(e);
    if (reason) forbidden(reason);
    else setStatus(`Could not load rankings: ${e.message}`, true);
  }
}

export function setupRankings(reference) {
  ref = reference;
  document.getElementById("rank-metric").addEventListener("change", load);
  onFiltersChange(() => {
    if (!document.getElementById("view-rankings").hidden) load(); else stale = true;
  });
}

export function showRankings() {
  if (stale) {
    stale = false;
    return load();
  }
  return null;
}
