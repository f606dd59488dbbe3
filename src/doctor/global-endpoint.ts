import { isOptInRegion } from "../config/regions";
import { type Finding, note, routine, skipped } from "./findings";
import { type DoctorAws, toFailure } from "./port";

/**
 * Check 4, the trap behind the seed's AuthFailure: the global endpoint sts.amazonaws.com issues
 * version 1 tokens unless the calling account's GlobalEndpointTokenVersion is 2, and opt-in
 * regions refuse version 1 tokens. regional-sts never uses that endpoint; other tools may.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html
 */
export async function checkGlobalEndpoint(
  aws: DoctorAws,
  partition: string,
  region: string,
  account: string,
): Promise<Finding> {
  let version: number | undefined;
  try {
    version = await aws.globalEndpointTokenVersion(partition);
  } catch (error) {
    const f = toFailure(error);
    const why =
      f.name === "AccessDenied"
        ? "the source credentials may not call iam:GetAccountSummary"
        : `${f.name}: ${f.message}`;
    // Nothing regional-sts needs: shown with --verbose only.
    return skipped(
      "global-endpoint",
      `could not read account ${account}'s GlobalEndpointTokenVersion (${why}); ` +
        `this check does not affect regional-sts (allow iam:GetAccountSummary to the source identity to run it)`,
    );
  }
  if (version === 2) {
    return routine(
      "global-endpoint",
      `account ${account}'s global endpoint issues version 2 tokens, valid in every region`,
    );
  }
  if (version !== 1) {
    return skipped(
      "global-endpoint",
      `iam:GetAccountSummary for account ${account} did not report GlobalEndpointTokenVersion`,
    );
  }
  if (!isOptInRegion(region)) {
    return routine(
      "global-endpoint",
      `account ${account}'s global endpoint issues version 1 tokens, which work in ${region} (enabled by default)`,
    );
  }
  // Not this profile's problem (regional-sts never calls the global endpoint), but the cause of
  // the AuthFailure other tools of this account meet in this region: a note, not a warning.
  return note(
    "global-endpoint",
    `account ${account}'s GlobalEndpointTokenVersion is 1: any tool that calls the global endpoint ` +
      `sts.amazonaws.com (AWS_STS_REGIONAL_ENDPOINTS=legacy, Go SDK v1, JS SDK v2, botocore before 1.40) gets ` +
      `version 1 tokens, which ${region} refuses with AuthFailure (InvalidClientTokenId, InvalidToken for S3)`,
    `use regional STS endpoints everywhere (as regional-sts does; AWS_STS_REGIONAL_ENDPOINTS=regional), ` +
      `or switch account ${account} to version 2 tokens: aws iam set-security-token-service-preferences ` +
      `--global-endpoint-token-version v2Token`,
  );
}
