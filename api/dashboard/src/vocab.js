// Vocabularies and palettes shared by the views (enum names as in docs/schema.graphql).
export const METRICS = [
  ["PAGERANK", "PageRank", "pagerank"], ["BETWEENNESS", "Betweenness", "betweenness"],
  ["EIGENVECTOR", "Eigenvector", "eigenvector"], ["HARMONIC", "Harmonic closeness", "harmonic"],
  ["DEGREE", "Degree", "degree"], ["STRENGTH", "Strength (weighted degree)", "strength"],
  ["EFFECTIVE_SIZE", "Effective size (brokerage)", "effectiveSize"],
  ["CONSTRAINT", "Constraint (Burt)", "constraint"], ["CORE", "k-core", "core"],
  ["REGIONS_SPANNED", "Regions spanned", "regionsSpanned"],
  ["CROSS_REGION_SHARE", "Cross-region share", "crossRegionShare"],
  ["TRUST", "Propagated trust (EigenTrust)", "trust"],
];
export const METRIC_LABEL = Object.fromEntries(METRICS.map(([k, l]) => [k, l]));
export const METRIC_FIELD = Object.fromEntries(METRICS.map(([k, , f]) => [k, f]));

export const KINDS = ["LAW_ENFORCEMENT", "GOVERNMENT", "INTERNATIONAL_ORG", "PRIVATE_SECTOR",
  "CERT", "ACADEMIA", "NGO"];
export const FOCUS = ["RANSOMWARE", "BEC", "PHISHING", "MALWARE", "ONLINE_FRAUD", "BOTNETS",
  "DDOS", "CRYPTOCRIME", "CHILD_EXPLOITATION", "DARK_WEB", "MONEY_LAUNDERING", "DATA_BREACH",
  "CRITICAL_INFRASTRUCTURE", "INFOSTEALERS"];
export const TLP_ORDER = ["CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"];

export const label = (s) => (s ?? "—").toString().replace(/_/g, " ").toLowerCase()
  .replace(/^./, (c) => c.toUpperCase());

// Okabe–Ito and Tableau-like colours: distinguishable, readable on white.
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
  "#8C6D1F", "#332288", "#117733", "#AA4499", "#882255", "#44AA99", "#999933", "#6F6F6F"];

export function colourFor(key, keys) {
  const i = keys.indexOf(key);
  return i < 0 ? "#9a9a9a" : PALETTE[i % PALETTE.length];
}
