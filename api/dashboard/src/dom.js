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
