import { FALLBACK_STS_REGION, isOptInRegion, regionPartition } from "../config/regions";
import type { Settings } from "../config/validate";

export interface StsRegionInput {
  targetRegion: string;
  /** regional_sts_sts_region / --sts-region. */
  override: string | undefined;
  /** Partition of the role (from its ARN). */
  partition: string;
  /** Region of the source profile, if it has one. */
  sourceRegion: string | undefined;
  /** A fallback remembered from an earlier InvalidClientTokenId at the target's endpoint. */
  rememberedFallback: string | undefined;
}

export interface StsRegionPlan {
  /** Region whose STS endpoint is called first. */
  first: string;
  /** Called if `first` answers InvalidClientTokenId (the caller's account has not enabled it). */
  fallback: string | undefined;
  reason: string;
}

/**
 * Picks the regional STS endpoint. Never the global one: it issues version 1 tokens, which
 * opt-in regions refuse (AuthFailure). An opt-in target's own endpoint refuses callers whose
 * account has not enabled it (InvalidClientTokenId), so a default-enabled region of the same
 * partition is the fallback.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html
 */
export function chooseStsRegion(input: StsRegionInput): StsRegionPlan {
  if (input.override) {
    return { first: input.override, fallback: undefined, reason: "regional_sts_sts_region is set" };
  }
  if (!isOptInRegion(input.targetRegion)) {
    return { first: input.targetRegion, fallback: undefined, reason: `${input.targetRegion} is enabled by default` };
  }
  const fallback = defaultEnabledRegion(input.partition, input.sourceRegion);
  if (input.rememberedFallback) {
    return {
      first: input.rememberedFallback,
      fallback: undefined,
      reason:
        `the source account has not enabled ${input.targetRegion} ` +
        `(remembered from an earlier InvalidClientTokenId)`,
    };
  }
  return {
    first: input.targetRegion,
    fallback,
    reason: `${input.targetRegion} is opt-in; trying its own endpoint first`,
  };
}

/** The source profile's region if it is default-enabled and in the partition, else the partition's default. */
export function defaultEnabledRegion(partition: string, sourceRegion: string | undefined): string {
  const partitionDefault = FALLBACK_STS_REGION[partition] ?? "us-east-1";
  if (sourceRegion && !isOptInRegion(sourceRegion) && regionPartition(sourceRegion) === partition) return sourceRegion;
  return partitionDefault;
}

/** The plan for a profile's settings: what credential-process calls and what doctor reports. */
export function stsPlanFor(
  s: Settings,
  sourceRegion: string | undefined,
  rememberedFallback: string | undefined,
): StsRegionPlan {
  return chooseStsRegion({
    targetRegion: s.region,
    override: s.stsRegionOverride,
    partition: s.role.partition,
    sourceRegion,
    rememberedFallback,
  });
}
