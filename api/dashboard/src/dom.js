// Small DOM helpers: element builder, accessible tables, run captions, status line.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function fmt(v, digits = 4) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v.toLocaleString("en");
    return v.toPrecision(digits).replace(/\.?0+(e|$)/, "$1");
  }
  return String(v);
}

export function when(iso) {
  if (!iso) return "unknown time";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

// "Metric run <id>, computed <time>" — every figure says where it comes from.
export function runCaption(run, what = "Metric run") {
  if (!run) return el("span", { class: "run-none" }, "No metric run yet: run `partnergraph metrics run`.");
  return el("span", { class: "run-ref" }, `${what} `, el("code", {}, run.id),
    `, computed ${when(run.computedAt)}`);
}

// A table with a caption and column headers; rows are arrays of cells (strings or nodes).
export function table(caption, headers, rows, attrs = {}) {
  return el("table", attrs,
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c, i) =>
      i === 0 ? el("th", { scope: "row" }, c) : el("td", {}, c))))));
}

export function partnerLink(id, name) {
  return el("a", { href: `#/partner/${encodeURIComponent(id)}`, class: "partner-link",
    "data-partner": id }, name ?? id);
}

export function setStatus(text, isError = false) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.classList.toggle("error", isError);
}

// replaceChildren without the nulls (conditional parts), which it would print as "null".
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

// Shown where metric results would be when the caller may not read the latest run.
export function metricsNotice(reason, what = "Metric results") {
  return el("p", { class: "notice metrics-forbidden", role: "note" },
    `${what} need analyst access with a clearance that reaches the latest metric run. `,
    el("span", { class: "reason" }, `The API says: ${reason}`));
}

// --- what a record knows: figures, partial lists, sources, confidence -------------------

const QUALIFIER_MARK = { EXACT: "", APPROXIMATELY: "≈ ", AT_LEAST: "≥ ", AT_MOST: "≤ " };

// A figure as its source gave it: "≈ 3,500", "≥ USD 439,000,000", "11–12", "EUR 1,200,000".
export function figureText(f) {
  const money = f.unit ? `${f.unit} ` : "";
  if (f.qualifier === "RANGE") return `${money}${fmt(f.low)}–${fmt(f.high)}`;
  return `${QUALIFIER_MARK[f.qualifier] ?? ""}${money}${fmt(f.value)}`;
}

export function figureName(name) {
  return name.replace(/_/g, " ");
}

// The figures of an activity on one line: "≈ 3,500 arrests · EUR 1,200,000 frozen".
export function outcomesText(outcomes) {
  return outcomes.map((f) => `${figureText(f)} ${figureName(f.name)}`).join(" · ");
}

// How much of its participant list an activity names: a partial list never reads as whole.
export function participantsText(a) {
  const named = a.participantsNamed;
  if (a.participantsReported !== null && a.participantsReported !== undefined
      && a.participantsReported > named) return `${named} named of ${a.participantsReported} reported`;
  if (a.participantList === "PARTIAL") return `${named} named; the list is partial`;
  if (a.participantList === "COMPLETE") return `${named} named; the list is complete`;
  return `${named} named; whether that is all is not known`;
}

// When an activity took place, as far as its record says.
export function whenText(a) {
  let span = "";
  if (a.start && a.openEnded) span = `since ${a.start} (open-ended)`;
  else if (a.start) span = `${a.start}${a.end && a.end !== a.start ? `–${a.end}` : ""}`;
  else if (a.end) span = `until ${a.end}`;
  else if (a.openEnded) span = "open-ended";
  const announced = a.announcedOn ? `announced ${a.announcedOn}` : "";
  return [span, announced].filter(Boolean).join(", ") || "undated";
}

export function confidenceText(c) {
  return c === null || c === undefined ? "not given" : `${c} / 100`;
}

// Sources as a list of links (their titles, else the address) with publication dates.
export function sourcesList(sources, attrs = {}) {
  if (!sources.length) return el("p", { class: "caption", ...attrs }, "No sources recorded.");
  return el("ul", { class: "sources", ...attrs }, sources.map((s) => el("li", {},
    s.url ? el("a", { href: s.url, rel: "noopener noreferrer external" }, s.title ?? s.url) : s.title,
    s.publishedOn ? ` (published ${s.publishedOn})` : "")));
}

// Notes, confidence and sources of a record, under a heading.
export function provenance(record, id) {
  return el("section", { class: "provenance", id },
    el("h3", {}, "Sources and confidence"),
    el("p", {}, "Confidence: ", el("span", { class: "confidence" }, confidenceText(record.confidence)),
      record.source ? ` · cited as: ${record.source}` : ""),
    record.notes ? el("p", { class: "notes" }, record.notes) : null,
    sourcesList(record.sources));
}

export function agreementLink(id, title) {
  return el("a", { href: `#/agreement/${encodeURIComponent(id)}`, "data-agreement": id }, title ?? id);
}

export function activityLink(id, name) {
  return el("a", { href: `#/activity/${encodeURIComponent(id)}`, "data-activity": id }, name ?? id);
}

// An agreement's status, saying plainly that a signed one is not in force.
export function statusBadge(status) {
  return el("span", { class: `badge status-${status.toLowerCase()}` },
    status === "SIGNED" ? "Signed, not in force" : status[0] + status.slice(1).toLowerCase());
}
