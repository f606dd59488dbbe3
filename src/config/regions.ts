/**
 * Regions that are not enabled by default: an account must opt in before it can call them,
 * and version 1 (global endpoint) tokens are refused there.
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
 * The SDK's partition data does not say which regions are opt-in, so the list lives here.
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
]);

/**
 * Regions enabled by default in every account, per partition (November 2026). A well-formed
 * name outside this list and OPT_IN_REGIONS may be a region launched since, or a typo.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "cn-north-1",
  "cn-northwest-1",
  "us-gov-west-1",
  "us-gov-east-1",
  "us-iso-east-1",
  "us-iso-west-1",
  "us-isob-east-1",
];

/** Whether regional-sts knows this region name (default-enabled or opt-in). */
export function isKnownRegion(region: string): boolean {
  return DEFAULT_ENABLED_REGIONS.includes(region) || OPT_IN_REGIONS.has(region);
}

/** A default-enabled region of each partition, used when the target's own STS cannot be. */
export const FALLBACK_STS_REGION: Readonly<Record<string, string>> = {
  aws: "us-east-1",
  "aws-cn": "cn-north-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-iso": "us-iso-east-1",
  "aws-iso-b": "us-isob-east-1",
  "aws-iso-e": "eu-isoe-west-1",
  "aws-iso-f": "us-isof-south-1",
  "aws-eusc": "eusc-de-east-1",
};

const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/; // 4 letters: eusc-de-east-1

/**
 * The region patterns of the SDK's partition data (@aws-sdk/util-endpoints partitions.json),
 * copied because the cache-hit path must not load the SDK. A name no partition claims would
 * make the SDK guess the aws partition and call a host that does not exist. The SDK's endpoint
 * rules still build every host name.
 */
const PARTITION_REGIONS: readonly (readonly [RegExp, string])[] = [
  [/^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, "aws"],
  [/^cn-\w+-\d+$/, "aws-cn"],
  [/^us-gov-\w+-\d+$/, "aws-us-gov"],
  [/^us-iso-\w+-\d+$/, "aws-iso"],
  [/^us-isob-\w+-\d+$/, "aws-iso-b"],
  [/^eu-isoe-\w+-\d+$/, "aws-iso-e"],
  [/^us-isof-\w+-\d+$/, "aws-iso-f"],
  [/^eusc-(de)-\w+-\d+$/, "aws-eusc"],
];

/** The partition that claims a region name, or undefined for a name none claims. */
export function regionPartition(region: string): string | undefined {
  return PARTITION_REGIONS.find(([pattern]) => pattern.test(region))?.[1];
}

/** Whether a string has the shape of a region name (`ap-east-1`, `us-gov-west-1`). */
export function isWellFormedRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/** Whether some partition claims this (well-formed) region name. */
export function isKnownPartitionRegion(region: string): boolean {
  return regionPartition(region) !== undefined;
}

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.has(region);
}
