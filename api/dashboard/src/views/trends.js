// Trends: the network summary across metric runs, and how the current top partners' values
// moved between runs (metric history). Each chart has its table.
import { forbiddenReason, gql } from "../gql.js";
import { lineChart } from "../charts.js";
import { el, fill, fmt, metricsNotice, runCaption, setStatus, table, when } from "../dom.js";
import { METRICS, METRIC_LABEL } from "../vocab.js";

const QUERY = `query Trends($metric: MetricName!) {
  metricRuns(first: 20) { id status computedAt summary }
  rankings(metric: $metric, top: 8) {
    rank value partner { id name metricHistory(metric: $metric) { runId computedAt value } }
  }
}`;

export async function showTrends(ref, metric = "PAGERANK") {
  const body = document.getElementById("trends-body");
  if (ref?.metricsForbidden) {
    fill(body, metricsNotice(ref.metricsForbidden, "Trends across metric runs"));
    setStatus("");
    return;
  }
  setStatus("Loading trends…");
  try {
    const data = await gql(QUERY, { metric });
    const runs = data.metricRuns.filter((r) => r.status === "complete").reverse(); // oldest first
    const latest = runs[runs.length - 1];
    const xs = runs.map((r) => `${r.id} (${when(r.computedAt)})`);
    const s = (k) => runs.map((r) => r.summary?.[k] ?? null);
    const select = el("select", { id: "trend-metric" },
      METRICS.map(([k, t]) => el("option", { value: k, selected: k === metric }, t)));
    select.addEventListener("change", () => showTrends(ref, select.value));
    const top = data.rankings;
    const byRun = (h) => new Map(h.map((p) => [p.runId, p.value]));
    fill(body, 
      el("p", { class: "caption" }, `${runs.length} complete metric runs; the latest is `, runCaption(latest, "run"), "."),
      table("Network summary by metric run (oldest first)",
        ["Run", "Partners", "Ties", "Density", "Components", "Largest component", "Diameter", "Mean path", "Communities", "Modularity"],
        runs.map((r, i) => [xs[i], ...["nodes", "edges", "density", "components", "largest_component", "diameter",
          "average_path_length", "communities", "modularity"].map((k) => fmt(r.summary?.[k] ?? null))]),
        { id: "summary-table" }),
      lineChart({ title: "Partners and ties across runs", xs, yTitle: "count",
        series: [{ label: "Partners", values: s("nodes") }, { label: "Ties", values: s("edges") }] }),
      lineChart({ title: "Density, modularity and mean path length across runs", xs,
        series: [{ label: "Density", values: s("density") }, { label: "Modularity", values: s("modularity") },
          { label: "Mean path length", values: s("average_path_length") }] }),
      el("h3", {}, "Top partners across runs"),
      el("label", {}, "Metric ", select),
      lineChart({ title: `${METRIC_LABEL[metric]} of today's top ${top.length} partners, by run`, xs,
        caption: "Ranked by the latest run; a gap means the partner had no value in that run.",
        series: top.map((t) => {
          const m = byRun(t.partner.metricHistory);
          return { label: t.partner.name, values: runs.map((r) => m.get(r.id) ?? null) };
        }) }),
    );
    setStatus("");
  } catch (e) {
    const reason = forbiddenReason(e);
    if (reason) {
      fill(body, metricsNotice(reason, "Trends across metric runs"));
      setStatus("");
    } else setStatus(`Could not load trends: ${e.message}`, true);
  }
}
