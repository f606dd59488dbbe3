import { programOf } from "../config/command-line";
import type { Section } from "../config/load";
import { regionalStsTarget } from "../config/source-chain";
import { type Finding, failed, routine } from "./findings";

/**
 * A profile with neither regional_sts_role_arn nor a credential_process calling regional-sts is
 * not ours: a standard role profile (role_arn + source_profile) is assumed by each AWS tool
 * itself, so checking our keys in it would only report them missing. Say so and how to convert.
 */
export function checkNotRegionalSts(profile: string, section: Section): Finding | undefined {
  if (section.regional_sts_role_arn !== undefined || regionalStsTarget(section.credential_process) !== undefined)
    return undefined;
  if (section.role_arn) {
    return failed(
      "profile",
      `profile ${profile} does not use regional-sts: its role_arn is assumed by each AWS tool itself, ` +
        `at whichever STS endpoint that tool picks (the global one, and version 1 tokens, for some)`,
      `convert it in place with regional-sts configure --from-profile ${profile}, ` +
        `then run regional-sts doctor ${profile} again`,
    );
  }
  return failed(
    "profile",
    `profile ${profile} does not use regional-sts (no regional_sts_role_arn, ` +
      `and no credential_process calling regional-sts)`,
    `to assume a role from it through a regional endpoint, create one: ` +
      `regional-sts configure NEW-NAME --source-profile ${profile} --role-arn ARN --region REGION`,
  );
}

/**
 * The profile's credential_process must call regional-sts for this very profile: the SDKs never
 * say which profile they serve, so a line copied from another block silently serves that one.
 */
export function checkProcessLine(profile: string, section: Section): Finding {
  const line = section.credential_process;
  const wanted = `credential_process = regional-sts credential-process --profile ${profile}`;
  if (!line) {
    return failed(
      "credential-process",
      `[profile ${profile}] has no credential_process line, so AWS tools never call regional-sts for it`,
      `add ${wanted} (or run regional-sts configure ${profile})`,
    );
  }
  if (!/regional-sts/.test(line)) {
    // The program only: the rest of the line may carry a secret (--api-key=...).
    return failed(
      "credential-process",
      `credential_process in [profile ${profile}] runs ${programOf(line)}, not regional-sts`,
      `replace it with ${wanted}`,
    );
  }
  if (!/\bcredential-process\b/.test(line)) {
    return failed(
      "credential-process",
      `credential_process in [profile ${profile}] does not run the credential-process command`,
      `replace it with ${wanted}`,
    );
  }
  const target = regionalStsTarget(line);
  if (target === undefined) {
    return failed(
      "credential-process",
      `credential_process in [profile ${profile}] has no --profile ` +
        `(no AWS tool tells the process which profile it serves)`,
      `append --profile ${profile}`,
    );
  }
  if (target !== profile) {
    return failed(
      "credential-process",
      `credential_process in [profile ${profile}] asks regional-sts for profile ${target}, not ${profile} ` +
        `(a copy-paste slip?)`,
      `change it to --profile ${profile}`,
    );
  }
  return routine("credential-process", `calls regional-sts credential-process --profile ${profile}`);
}

/**
 * Plain role_arn / source_profile make the SDKs act on their own: botocore sees role_arn first
 * and assumes the role itself (global endpoint, version 1 tokens) without running
 * credential_process; the Go SDK v2 runs the process, then assumes role_arn again on top.
 */
export function checkPlainKeys(profile: string, section: Section): Finding {
  const plain = ["role_arn", "source_profile", "credential_source"].filter(
    (key) => section[key] !== undefined && section[key] !== "",
  );
  if (plain.length === 0) {
    return routine("plain-keys", `no plain role_arn, source_profile or credential_source beside credential_process`);
  }
  const renames = plain.filter((k) => k !== "credential_source").map((k) => `${k} to regional_sts_${k}`);
  const fix = [
    renames.length ? `rename ${renames.join(" and ")}` : "",
    plain.includes("credential_source") ? "remove credential_source" : "",
  ]
    .filter(Boolean)
    .join(", ");
  return failed(
    "plain-keys",
    `[profile ${profile}] has ${plain.join(" and ")} beside credential_process: ` +
      `the AWS CLI and boto3 then assume the role themselves (ignoring credential_process) and the Go SDK assumes it ` +
      `a second time on top of regional-sts's credentials`,
    `${fix} in [profile ${profile}]`,
  );
}
