import { DEFAULT_ENABLED_REGIONS as DEFAULT_ENABLED, OPT_IN_REGIONS } from "../config/regions";

/** Whether regional-sts knows this region name. */
export function isKnownRegion(region: string): boolean {
  return DEFAULT_ENABLED.includes(region) || OPT_IN_REGIONS.has(region);
}

/** The opt-in regions as one comma-separated list, for messages. */
export function optInList(): string {
  return [...OPT_IN_REGIONS].join(", ");
}
