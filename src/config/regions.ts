/**
 * Regions that are not enabled by default: an account must opt in before it can call them,
 * and version 1 (global endpoint) tokens are refused there.
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
 * The SDK's partition data does not say which regions are opt-in, so the list lives here.
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4",
  "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1",
  "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
]);

/** A default-enabled region of each partition, used when the target's own STS cannot be. */
export const FALLBACK_STS_REGION: Readonly<Record<string, string>> = {
  aws: "us-east-1",
  "aws-cn": "cn-north-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-iso": "us-iso-east-1",
  "aws-iso-b": "us-isob-east-1",
  "aws-iso-e": "eu-isoe-west-1",
  "aws-iso-f": "us-isof-south-1",
};

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Whether a string has the shape of a region name (`ap-east-1`, `us-gov-west-1`). */
export function isWellFormedRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.has(region);
}
