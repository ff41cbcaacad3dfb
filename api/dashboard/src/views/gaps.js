// Gaps and risks: a region grid of countries without active agreements or recent activity
// (the latest run's findings), sector gaps, agreements expiring in the next 90 days (live),
// and single points of failure per region (articulation points from the run; bridges
// computed here from the ties among each region's partners).
import { forbiddenReason, gql } from "../gql.js";
import { findBridges } from "../bridges.js";
import { el, fill, fmt, metricsNotice, partnerLink, runCaption, setStatus, table } from "../dom.js";
import { TLP_ORDER, label } from "../vocab.js";

// Live data every caller may read (within their TLP) ...
const LIVE = `query Expiring {
  expiring: agreements(filter: {expiresWithinDays: 90, status: {eq: ACTIVE}},
      orderBy: {field: EXPIRES_ON, direction: ASC}, first: 100) {
    totalCount
    edges { node { id title kind expiresOn tlp parties { partner { id name } } } }
  }
}`;
// ... and the latest run's findings, only for callers who may read metric results.
const FINDINGS = `query Findings {
  latestMetricRun { id computedAt params }
  coverageGaps { kind subject detail }
  spof: partners(filter: {regionArticulation: true}, orderBy: {field: BETWEENNESS, direction: DESC}, first: 100) {
    totalCount edges { node { id name countryCode metrics { betweenness } } }
  }
}`;
const TIES = `query Ties($tlp: [TLP!]) {
  networkCompact(limit: 5000, tlp: $tlp) { ids names countries sources targets weights }
}`;

function regionGrid(ref, gaps) {
  const gapCountries = new Map(gaps.filter((g) => g.kind === "country_gap").map((g) => [g.subject, g.detail]));
  return el("div", { class: "region-grid", id: "region-grid" }, ref.regions.map((r) => {
    const countries = [...r.countries].sort((a, b) => a.code.localeCompare(b.code));
    const open = countries.filter((c) => gapCountries.has(c.code)).length;
    return el("section", { class: "region", "aria-label": `${r.name}: ${open} of ${countries.length} countries without coverage` },
      el("h4", {}, r.name, el("span", { class: "caption" }, ` ${open} of ${countries.length} without coverage`)),
      el("ul", { class: "tiles" }, countries.map((c) => {
        const gap = gapCountries.get(c.code);
        // The finding's own sentence says which rule fired, on what evidence, as of when.
        const text = gap ? `${c.name}: ${gap.reason ?? `no agreement in force or no recent activity (${gap.partners} partners)`}`
          : `${c.name}: covered`;
        return el("li", { class: gap ? "tile gap" : "tile ok", title: text, tabindex: 0, "aria-label": text,
          "data-country": c.code }, c.code);
      })));
  }));
}

function bridgesByRegion(ref, net) {
  const byRegion = new Map();
  net.ids.forEach((id, i) => {
    const r = ref.countryRegion.get(net.countries[i]);
    if (!r) return;
    if (!byRegion.has(r)) byRegion.set(r, []);
    byRegion.get(r).push(i);
  });
  const out = [];
  for (const [region, members] of byRegion) {
    const local = new Map(members.map((g, l) => [g, l]));
    const s = [];
    const t = [];
    const w = [];
    net.sources.forEach((a, j) => {
      const b = net.targets[j];
      if (local.has(a) && local.has(b)) {
        s.push(local.get(a));
        t.push(local.get(b));
        w.push(net.weights[j]);
      }
    });
    for (const j of findBridges(members.length, s, t)) {
      out.push({ region, a: members[s[j]], b: members[t[j]], weight: w[j] });
    }
  }
  return out;
}

function findingsParts(ref, data) {
  const run = data.latestMetricRun;
  const gaps = data.coverageGaps;
  const sectors = gaps.filter((g) => g.kind === "sector_gap");
  const regions = gaps.filter((g) => g.kind === "region_gap");
  const regionOf = (code) => ref.regionName.get(ref.countryRegion.get(code)) ?? "No region";
  const spof = data.spof.edges.map((e) => e.node);
  return {
    coverage: [
      el("p", { class: "caption" }, "Coverage findings: ", runCaption(run), "."),
      el("h3", {}, "Countries without coverage, by regional desk"),
      el("p", { class: "legend" }, el("span", { class: "tile gap" }, "XX"),
        " no agreement in force or no recent activity through the country's government, police or CERTs  ",
        el("span", { class: "tile ok" }, "XX"), " covered"),
      regions.length ? el("p", { class: "soon" }, `Regions without coverage: ${regions.map((g) => g.subject).join(", ")}`) : null,
      regionGrid(ref, gaps),
      el("details", { class: "alt" }, el("summary", {}, "Countries without coverage as a table"),
        table("Countries without coverage", ["Country", "Region", "Partners", "Agreements in force", "Recent activities", "Why"],
          gaps.filter((g) => g.kind === "country_gap").map((g) => [`${g.detail.name ?? g.subject} (${g.subject})`,
            regionOf(g.subject), fmt(g.detail.partners), fmt(g.detail.agreements), fmt(g.detail.activities),
            g.detail.reason ?? ""]))),
      el("h3", {}, "Sectors without coverage"),
      sectors.length ? table("Sectors with no active agreement or recent activity", ["Sector", "Partners", "Agreements", "Activities"],
        sectors.map((g) => [g.subject, fmt(g.detail.partners), fmt(g.detail.agreements), fmt(g.detail.activities)]))
        : el("p", {}, "Every sector has coverage."),
    ],
    spof: [
      el("p", { class: "caption" }, "Partners that hold their region's network together (articulation points within the region): ",
        runCaption(run), "."),
      table(`Articulation points within their region (${data.spof.totalCount})`, ["Partner", "Region", "Betweenness"],
        spof.map((p) => [partnerLink(p.id, p.name), regionOf(p.countryCode), fmt(p.metrics?.betweenness)]), { id: "spof" }),
    ],
  };
}

export async function showGaps(ref) {
  const body = document.getElementById("gaps-body");
  setStatus("Loading gaps and risks…");
  try {
    let forbidden = ref?.metricsForbidden ?? null;
    const [live, findings] = await Promise.all([gql(LIVE), forbidden ? null : gql(FINDINGS).catch((e) => {
      forbidden = forbiddenReason(e);
      if (!forbidden) throw e;
      return null;
    })]);
    // Bridges from the ties at the run's TLP ceiling, or (without metric access) every tie
    // the caller may see: live data either way.
    const maxRank = findings ? findings.latestMetricRun?.params?.tlp_max ?? 2 : null;
    const tlp = maxRank === null ? null : TLP_ORDER.slice(0, maxRank + 1);
    const net = (await gql(TIES, { tlp })).networkCompact;
    const bridges = bridgesByRegion(ref, net);
    const parts = findings ? findingsParts(ref, findings) : null;
    const notice = (what) => metricsNotice(forbidden, what);
    fill(body,
      parts ? parts.coverage : [el("h3", {}, "Countries and sectors without coverage"),
        notice("Coverage findings (from the latest metric run)")],
      el("h3", { id: "h-expiring" }, "Agreements expiring in the next 90 days"),
      el("p", { class: "caption" }, `Live data (active agreements, as of today): ${live.expiring.totalCount}.`),
      table("Active agreements expiring within 90 days, soonest first", ["Agreement", "Kind", "Expires", "Parties", "TLP"],
        live.expiring.edges.map(({ node: a }) => [el("span", { "data-agreement": a.id }, a.title), label(a.kind),
          a.expiresOn, el("span", {}, a.parties.flatMap((p, i) => [i ? ", " : "", partnerLink(p.partner.id, p.partner.name)])),
          a.tlp]), { id: "expiring" }),
      el("h3", {}, "Single points of failure per region"),
      parts ? parts.spof : notice("Articulation points (from the latest metric run)"),
      el("p", { class: "caption" }, "Bridges: ties whose loss splits a region's network, computed in the browser from the ties among each region's partners " +
        (maxRank === null ? "(live data: every tie you may see)." : `(TLP up to ${TLP_ORDER[maxRank]}, as the run).`)),
      table(`Bridges within regions (${bridges.length})`, ["Region", "Partner", "Partner", "Shared agreements and activities"],
        bridges.map(({ region, a, b, weight }) => [ref.regionName.get(region) ?? region,
          partnerLink(net.ids[a], net.names[a]), partnerLink(net.ids[b], net.names[b]), fmt(weight)]), { id: "bridges" }),
    );
    setStatus("");
  } catch (e) {
    setStatus(`Could not load gaps: ${e.message}`, true);
  }
}
