import { OPT_IN_REGIONS } from "../config/regions";

/**
 * Regions enabled by default in every account, per partition (November 2026). A well-formed
 * name outside this list and OPT_IN_REGIONS may be a region launched since: a warning, not an error.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
const DEFAULT_ENABLED = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
  "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1",
  "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
  "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1",
  "us-iso-east-1", "us-iso-west-1", "us-isob-east-1",
];

/** Whether regional-sts knows this region name. */
export function isKnownRegion(region: string): boolean {
  return DEFAULT_ENABLED.includes(region) || OPT_IN_REGIONS.has(region);
}

/** The opt-in regions as one comma-separated list, for messages. */
export function optInList(): string {
  return [...OPT_IN_REGIONS].join(", ");
}
