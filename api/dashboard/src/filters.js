// The shared filter bar (network and rankings): region, kind, sector, focus, tie window, TLP.
// `partnerFilter()` is a PartnerFilter; `tlp` and `window` narrow the network's ties.
import { el } from "./dom.js";
import { FOCUS, KINDS, TLP_ORDER, label } from "./vocab.js";

const listeners = new Set();
let state = {};

export function onFiltersChange(fn) {
  listeners.add(fn);
}

export function filters() {
  return state;
}

export function partnerFilter(s = state) {
  const f = {};
  if (s.region) f.region = { eq: s.region };
  if (s.kind) f.kind = { eq: s.kind };
  if (s.sector) f.sector = { eq: s.sector };
  if (s.focus) f.activityFocus = [s.focus];
  return Object.keys(f).length ? f : null;
}

// TLP "up to X": the levels from CLEAR to X (the API also caps at the viewer's clearance).
export function tlpLevels(s = state) {
  return s.tlp ? TLP_ORDER.slice(0, TLP_ORDER.indexOf(s.tlp) + 1) : null;
}

export function tieWindow(s = state) {
  return s.from || s.to ? { from: s.from || null, to: s.to || null } : null;
}

export function describeFilters(s = state) {
  const parts = [];
  if (s.region) parts.push(`region ${label(s.region)}`);
  if (s.kind) parts.push(`kind ${label(s.kind)}`);
  if (s.sector) parts.push(`sector “${s.sector}”`);
  if (s.focus) parts.push(`focus ${label(s.focus)}`);
  if (s.from || s.to) parts.push(`ties in force ${s.from || "…"}–${s.to || "…"}`);
  if (s.tlp) parts.push(`TLP up to ${s.tlp}`);
  return parts.length ? parts.join(", ") : "no filter";
}

export function setupFilters(ref) {
  const form = document.getElementById("filters");
  const add = (name, values, text = label) => form.elements[name].append(
    ...values.map((v) => el("option", { value: v }, text(v))));
  add("region", ref.regions.map((r) => r.code), (c) => ref.regionName.get(c) ?? c);
  add("kind", KINDS);
  add("focus", FOCUS);
  document.getElementById("sector-list").append(...ref.sectors.map((s) => el("option", { value: s })));

  const read = () => Object.fromEntries(
    [...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v));
  const apply = () => {
    state = read();
    for (const fn of listeners) fn(state);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener("reset", () => setTimeout(apply, 0));
  // Selects apply at once; text inputs on Enter or Apply.
  form.addEventListener("change", (e) => {
    if (e.target.tagName === "SELECT") apply();
  });
}
