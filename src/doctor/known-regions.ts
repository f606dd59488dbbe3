import { OPT_IN_REGIONS } from "../config/regions";

/** Whether regional-sts knows this region name (the list lives beside the other region facts). */
export { isKnownRegion } from "../config/regions";

/** The opt-in regions as one comma-separated list, for messages. */
export function optInList(): string {
  return [...OPT_IN_REGIONS].join(", ");
}
