// Line charts (chart.js, only the parts used) with a table as each chart's text alternative.
import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement,
  Tooltip } from "chart.js";
import { el, table } from "./dom.js";
import { PALETTE } from "./vocab.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

// series: [{label, values: [number|null per x]}]; xs: labels. Returns a <figure>.
export function lineChart({ title, caption, xs, series, xTitle = "Metric run", yTitle = "" }) {
  const canvas = el("canvas", { role: "img", "aria-label": `${title}: chart; the table below gives the same figures.` });
  const figure = el("figure", { class: "chart" },
    el("figcaption", {}, el("strong", {}, title), caption ? el("span", {}, " ", caption) : null),
    el("div", { class: "chart-box" }, canvas),
    el("details", { class: "alt" }, el("summary", {}, `${title} as a table`),
      table(title, [xTitle, ...series.map((s) => s.label)],
        xs.map((x, i) => [x, ...series.map((s) => (s.values[i] ?? "—").toString())]))));
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    type: "line",
    data: { labels: xs, datasets: series.map((s, i) => ({ label: s.label, data: s.values,
      borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
      spanGaps: true, tension: 0 })) },
    options: { animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { title: { display: true, text: xTitle } },
        y: { title: { display: !!yTitle, text: yTitle } } },
      plugins: { legend: { display: series.length > 1 } } },
  });
  return figure;
}
