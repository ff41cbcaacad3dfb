// Reference data loaded once: regions with their countries, sectors, the latest metric run.
import { gql } from "./gql.js";

let cache = null;

export async function reference() {
  if (cache) return cache;
  const data = await gql(`{
    regions { code name countries { code name } }
    counts(of: PARTNER, by: SECTOR) { value count }
    latestMetricRun { id computedAt status }
  }`);
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
    run: data.latestMetricRun,
  };
  return cache;
}
