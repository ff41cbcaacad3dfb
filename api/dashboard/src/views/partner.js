// A partner's page: agreements (status, expiry, its role and consent), activities (roles,
// how much of the participant list is named, figures as reported), the figures of its
// activities added up, platforms, sources and confidence, metrics over time (chart +
// table) and its strongest direct trust ties with each score's explanation.
import { forbiddenReason, gql } from "../gql.js";
import { lineChart } from "../charts.js";
import {
  activityLink, agreementLink, el, figureName, figureText, fill, fmt, metricsNotice, outcomesText,
  participantsText, partnerLink, provenance, runCaption, setStatus, statusBadge, table, when, whenText,
} from "../dom.js";
import { METRICS, METRIC_LABEL, label } from "../vocab.js";

const TRUST_CANDIDATES = 10; // aliases; the API allows 15 per operation

// Metric parts (latest run, metrics, history, trust) only for callers who may read them.
function partnerQuery(withMetrics) {
  return `query Partner($id: ID!${withMetrics ? ", $metric: MetricName!" : ""}) {
  ${withMetrics ? "latestMetricRun { id computedAt }" : ""}
  partner(id: $id) {
    id name kind countryCode sector website description aliases
    country { name } region { name } headquarters { name }
    source sources { url title publishedOn } notes confidence
    agreements { role consent signedOn ratifiedOn inForceOn
                 agreement { id title kind status expiresOn tlp } }
    activities { role roles activity { id name kind status start end openEnded announcedOn focus tlp
                 participantsNamed participantsReported participantList
                 outcomes { name value qualifier low high unit } } }
    platforms { since platform { id name } }
    ${withMetrics ? `metrics { ${METRICS.map(([, , f]) => f).join(" ")} community articulation regionArticulation runId }
    metricHistory(metric: $metric) { runId computedAt value }
    partners { weight partner { id name } }` : ""}
  }
}`;
}

// The figures of the partner's activities added up (the API keeps approximations and
// currencies apart).
const TOTALS = `query Totals($id: ID!) {
  outcomeTotals(filter: {participant: {partners: [$id]}}) {
    name unit value qualifier low high activities approximate }
}`;

function trustQuery(n) {
  const vars = Array.from({ length: n }, (_, i) => `$t${i}: ID!`).join(", ");
  const fields = Array.from({ length: n }, (_, i) => `t${i}: trust(from: $id, to: $t${i}) {
    score uncertainty runId stored components { id source kind share against } }`).join("\n");
  return `query Trust($id: ID!, ${vars}) { ${fields} }`;
}

function daysUntil(date) {
  if (!date) return null;
  const end = new Date(date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-28` : date);
  return Math.round((end - new Date()) / 86400000);
}

function agreementsTable(p) {
  const rows = [...p.agreements].sort((a, b) => (a.agreement.expiresOn ?? "9999")
    .localeCompare(b.agreement.expiresOn ?? "9999"));
  return table(`Agreements of ${p.name} (${rows.length})`,
    ["Agreement", "Kind", "Status", "Expires", "Role", "Consent", "TLP"],
    rows.map(({ role, consent, signedOn, ratifiedOn, inForceOn, agreement: a }) => {
      const d = daysUntil(a.expiresOn);
      const soon = a.status === "ACTIVE" && d !== null && d >= 0 && d <= 90;
      const dates = [signedOn && `signed ${signedOn}`, ratifiedOn && `consent ${ratifiedOn}`,
        inForceOn && `in force ${inForceOn}`].filter(Boolean).join(", ");
      return [el("span", {}, agreementLink(a.id, a.title), " ", el("code", {}, a.id)), label(a.kind),
        statusBadge(a.status),
        el("span", { class: soon ? "soon" : null }, a.expiresOn ?? "—", soon ? ` (in ${d} days)` : ""),
        label(role), [consent ? label(consent) : "—", dates ? ` (${dates})` : ""].join(""), a.tlp];
    }), { id: "partner-agreements" });
}

function activitiesTable(p) {
  const rows = [...p.activities].sort((a, b) => (b.activity.start ?? "").localeCompare(a.activity.start ?? ""));
  return table(`Activities of ${p.name} (${rows.length})`,
    ["Activity", "Kind", "When", "Focus", "Role", "Participants", "Reported figures", "TLP"],
    rows.map(({ roles, activity: a }) => [activityLink(a.id, a.name), label(a.kind), whenText(a),
      a.focus.map(label).join(", ") || "—", label(roles.join(" and ")),
      el("span", { class: `participants list-${a.participantList.toLowerCase()}` }, participantsText(a)),
      a.outcomes.length ? outcomesText(a.outcomes) : "—", a.tlp]), { id: "partner-activities" });
}

function totalsTable(p, totals) {
  if (!totals.length) return el("p", { id: "partner-totals" }, "No figures reported for its activities.");
  return el("div", {}, table(`Figures reported for the activities of ${p.name}, added up`,
    ["Figure", "Total", "Activities", "Of which approximate"],
    totals.map((t) => [figureName(t.name), figureText(t), fmt(t.activities), fmt(t.approximate)]),
    { id: "partner-totals" }),
  el("p", { class: "caption" }, "≈ approximately, ≥ at least, ≤ at most, a–b a range; amounts in "
    + "different currencies are never added together."));
}

function metricsTable(p, run) {
  const m = p.metrics;
  if (!m) return el("p", {}, "No metric values yet.");
  return el("div", {}, table(`Latest metric values of ${p.name}`, ["Metric", "Value"],
    [...METRICS.map(([k, title, f]) => [title, fmt(m[f])]),
      ["Community", fmt(m.community)], ["Single point of failure (network)", m.articulation ? "yes" : "no"],
      ["Single point of failure (its region)", m.regionArticulation ? "yes" : "no"]]),
  el("p", { class: "caption" }, runCaption({ id: m.runId, computedAt: run?.id === m.runId ? run.computedAt : null }), "."));
}

function trustSection(p, scores) {
  const titles = new Map([...p.agreements.map((x) => [x.agreement.id, x.agreement.title]),
    ...p.activities.map((x) => [x.activity.id, x.activity.name])]);
  const items = scores.filter((s) => s.score).sort((a, b) => b.score.score - a.score.score);
  if (!items.length) return el("p", { id: "partner-trust" }, "No direct trust ties stored for this partner's closest partners.");
  return el("div", { id: "partner-trust" }, ...items.map(({ other, score }) => el("details", { class: "trust" },
    el("summary", {}, partnerLink(other.id, other.name), `: trust ${fmt(score.score, 3)}`,
      score.uncertainty !== null ? ` (uncertainty ${fmt(score.uncertainty, 3)})` : "",
      el("span", { class: "caption" }, ` — run ${score.runId}${score.stored ? "" : ", computed from the shared evidence"}`)),
    table(`Why ${p.name} trusts ${other.name} at ${fmt(score.score, 3)}: the shares sum to the score`,
      ["Source", "Kind", "Share", "Negative evidence"],
      [...score.components].sort((a, b) => b.share - a.share).map((c) => [
        c.source === "prior" ? "Prior (no evidence)" : `${label(c.source)}: ${titles.get(c.id) ?? c.id}`,
        label(c.kind), fmt(c.share, 3), fmt(c.against, 3)])))));
}

async function metricSection(p, data, id, ref, metric) {
  const candidates = p.partners.slice(0, TRUST_CANDIDATES).map((t) => t.partner);
  const vars = Object.fromEntries(candidates.map((c, i) => [`t${i}`, c.id]));
  const trust = candidates.length ? await gql(trustQuery(candidates.length), { id, ...vars }) : {};
  const scores = candidates.map((other, i) => ({ other, score: trust[`t${i}`] }));
  const metricSelect = el("select", { id: "partner-metric" },
    METRICS.map(([k, t]) => el("option", { value: k, selected: k === metric }, t)));
  metricSelect.addEventListener("change", () => showPartner(id, ref, metricSelect.value));
  const hist = p.metricHistory;
  return [el("h3", {}, "Metrics"), metricsTable(p, data.latestMetricRun),
    el("label", {}, "History of ", metricSelect),
    lineChart({ title: `${METRIC_LABEL[metric]} of ${p.name} across metric runs`,
      caption: `${hist.length} runs; each point is one run, computed at the time shown.`,
      xs: hist.map((h) => `${h.runId} (${when(h.computedAt)})`), series: [{ label: METRIC_LABEL[metric],
        values: hist.map((h) => h.value) }] }),
    el("h3", {}, "Strongest trust ties"),
    el("p", { class: "caption" }, "Direct trust of this partner in its closest partners (latest run: its stored ties, the others computed from the evidence they share); open one to see what makes up its score."),
    trustSection(p, scores)];
}

export async function showPartner(id, ref, metric = "PAGERANK") {
  const section = document.getElementById("view-partner");
  fill(section, el("h2", { id: "h-partner" }, "Partner"), el("p", {}, "Loading…"));
  setStatus("Loading the partner…");
  try {
    let forbidden = ref?.metricsForbidden ?? null;
    let data = null;
    if (!forbidden) {
      try {
        data = await gql(partnerQuery(true), { id, metric });
      } catch (e) {
        forbidden = forbiddenReason(e);
        if (!forbidden) throw e;
      }
    }
    if (forbidden) data = await gql(partnerQuery(false), { id });
    const p = data.partner;
    const totals = p ? (await gql(TOTALS, { id })).outcomeTotals : [];
    if (!p) {
      fill(section, el("h2", { id: "h-partner" }, "Partner not found"),
        el("p", {}, `No partner with id ${id} is visible to you.`));
      setStatus("");
      return;
    }
    const metricParts = forbidden
      ? [el("h3", {}, "Metrics and trust"), metricsNotice(forbidden, "Metrics and trust scores")]
      : await metricSection(p, data, id, ref, metric);
    fill(section, 
      el("h2", { id: "h-partner" }, p.name),
      el("p", { class: "facts" }, `${label(p.kind)} · ${p.country?.name ?? p.countryCode ?? "no country"}`,
        p.region ? ` · ${p.region.name}` : "",
        p.headquarters ? el("span", { class: "headquarters" }, ` · seat: ${p.headquarters.name}`) : "",
        p.sector ? ` · ${p.sector}` : "", " · id ", el("code", {}, p.id)),
      p.description ? el("p", {}, p.description) : null,
      el("h3", {}, "Agreements"), agreementsTable(p),
      el("h3", {}, "Activities"), activitiesTable(p),
      el("h3", {}, "Reported figures"), totalsTable(p, totals),
      provenance(p, "partner-provenance"),
      el("h3", {}, "Platforms"),
      p.platforms.length ? el("ul", {}, p.platforms.map((u) => el("li", {}, u.platform.name,
        u.since ? ` (since ${u.since})` : ""))) : el("p", {}, "No shared platforms recorded."),
      metricParts);
    document.getElementById("h-partner").focus?.();
    setStatus("");
  } catch (e) {
    setStatus(`Could not load the partner: ${e.message}`, true);
  }
}
