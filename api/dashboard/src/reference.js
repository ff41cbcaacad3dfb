// Reference data loaded once: regions with their countries, sectors, the latest metric run.
// The run is optional: a caller whose access does not reach its TLP ceiling gets FORBIDDEN
// (docs/SECURITY.md), and the views then show the bare network and say why.
import { forbiddenReason, gql } from "./gql.js";

let cache = null;

export async function reference() {
  if (cache) return cache;
  let metricsForbidden = null;
  const [data, run] = await Promise.all([gql(`{
    regions { code name countries { code name } }
    counts(of: PARTNER, by: SECTOR) { value count }
  }`), gql("{ latestMetricRun { id computedAt status } }").then((d) => d.latestMetricRun, (e) => {
    metricsForbidden = forbiddenReason(e);
    if (!metricsForbidden) throw e;
    return null;
  })]);
  const countryRegion = new Map();
  const countryName = new Map();
  for (const r of data.regions) {
    for (const c of r.countries) {
      countryRegion.set(c.code, r.code);
      countryName.set(c.code, c.name);
    }
  }
  cache = {
    regions: data.regions,
    regionName: new Map(data.regions.map((r) => [r.code, r.name])),
    countryRegion,
    countryName,
    sectors: data.counts.map((c) => c.value).filter(Boolean).sort(),
    run,
    // null when the caller may read metric results; otherwise the API's reason.
    metricsForbidden,
  };
  return cache;
}
