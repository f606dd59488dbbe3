import { parseRoleArn } from "../config/arn";
import { KNOWN_REGIONS } from "../config/known-regions";
import type { LoadedConfig } from "../config/load";
import { isOptInRegion, isWellFormedRegion, regionPartition } from "../config/regions";
import { type Flags, resolveSettings } from "../config/settings";
import { profileSection, type SourceChain, walkSourceChain } from "../config/source-chain";
import { defaultSessionName, type Settings, validateSettings } from "../config/validate";
import { problemAndFix } from "../errors";
import { closest } from "../suggest";
import { type Finding, failed, note, routine, warning } from "./findings";
import { optInList } from "./known-regions";
import { checkNotRegionalSts, checkPlainKeys, checkProcessLine } from "./process-line";

export interface ConfigOutcome {
  findings: Finding[];
  /** Set when the configuration is good enough to talk to AWS. */
  settings?: Settings;
  chain?: SourceChain;
  region?: string;
  /** Why the AWS checks would not describe what AWS tools get (credential_process serves something else). */
  notUsed?: string;
}

/** Check 1 of the issue: everything that can be judged from the files alone (pure). */
export function checkConfiguration(
  profile: string,
  config: LoadedConfig,
  flags: Flags,
  env: Record<string, string | undefined>,
): ConfigOutcome {
  const { configFile, credentialsFile } = config.paths;
  const createHint = `run regional-sts configure ${profile} --role-arn ARN --source-profile NAME --region REGION`;
  const findings: Finding[] = [];
  if (!config.configExists) {
    findings.push(failed("config-files", `${configFile} does not exist`, createHint));
    return { findings };
  }
  const creds = config.credentialsExists
    ? `${credentialsFile} found and parsed`
    : `${credentialsFile} absent (fine when source credentials come from SSO or a process)`;
  findings.push(routine("config-files", `${configFile} found and parsed; ${creds}`));
  const section = profileSection(profile, config);
  if (!section) {
    findings.push(failed("profile", `no [profile ${profile}] in ${configFile}`, createHint));
    return { findings };
  }
  findings.push(
    routine("profile", `[${profile === "default" ? "default" : `profile ${profile}`}] found in ${configFile}`),
  );
  const foreign = checkNotRegionalSts(profile, section);
  if (foreign) return { findings: [...findings, foreign], notUsed: "the profile does not use regional-sts" };
  const raw = resolveSettings(profile, section, flags, env);
  const region = checkRegion(profile, raw.region?.value, raw.region?.origin, findings);
  const roleOk = checkRoleArn(profile, raw.roleArn?.value, raw.roleArn?.origin, region, findings);
  const processLine = checkProcessLine(profile, section);
  findings.push(processLine, checkPlainKeys(profile, config.profiles[profile] ?? section));
  // With a wrong credential_process line, AWS tools never get these settings' credentials: checking
  // them would contradict the verdict. A line that serves another profile (or runs another
  // program): AWS tools get other credentials, so checking these settings would contradict the
  // verdict. A missing line is checked: the verdict then says the settings work but are unused.
  const notUsed =
    processLine.status === "failed" && section.credential_process
      ? "AWS tools do not get these settings' credentials (see credential-process)"
      : undefined;
  if (!region || !roleOk) return { findings, region, notUsed };
  let settings: Settings;
  try {
    settings = validateSettings(raw, defaultSessionName(env));
  } catch (error) {
    findings.push(failedWith("settings", error, "fix the value in the profile"));
    return { findings, region, notUsed };
  }
  findings.push(
    routine(
      "settings",
      `session ${settings.roleSessionName}, ${settings.durationSeconds} s` +
        `${settings.mfaSerial ? `, MFA ${settings.mfaSerial}` : ""}${settings.externalId ? ", external id set" : ""}`,
    ),
  );
  let chain: SourceChain;
  try {
    chain = walkSourceChain(profile, settings.sourceProfile, config, env);
  } catch (error) {
    findings.push(failedWith("source-chain", error, "fix the value in the profile"));
    return { findings, region, notUsed };
  }
  findings.push(checkSourceProfile(settings, chain, config));
  return { findings, settings, chain, region, notUsed };
}

function checkRegion(
  profile: string,
  region: string | undefined,
  origin: string | undefined,
  findings: Finding[],
): string | undefined {
  if (!region) {
    findings.push(
      failed("region", `profile ${profile} has no region`, `add region = <region> to [profile ${profile}]`),
    );
    return undefined;
  }
  if (!isWellFormedRegion(region)) {
    findings.push(failed("region", `${origin}: "${region}" is not a region name`, "use a name like ap-east-1"));
    return undefined;
  }
  if (!KNOWN_REGIONS.includes(region)) {
    const near = closest(region, KNOWN_REGIONS);
    findings.push(
      warning(
        "region",
        `${region} (${origin}) is not a region regional-sts knows${near ? `; did you mean ${near}?` : ""}`,
        near ? "fix the spelling" : "check the spelling; a region launched after this release is fine",
      ),
    );
  } else {
    const kind = isOptInRegion(region) ? "an opt-in region" : "enabled by default in every account";
    findings.push(
      routine(
        "region",
        `${region} (${origin}) is ${kind}`,
        isOptInRegion(region) ? `(opt-in regions: ${optInList()})` : undefined,
      ),
    );
  }
  return region;
}

function checkRoleArn(
  profile: string,
  arn: string | undefined,
  origin: string | undefined,
  region: string | undefined,
  findings: Finding[],
): boolean {
  if (!arn) {
    findings.push(
      failed(
        "role-arn",
        `profile ${profile} has no regional_sts_role_arn`,
        `add regional_sts_role_arn = arn:aws:iam::ACCOUNT:role/NAME to [profile ${profile}]`,
      ),
    );
    return false;
  }
  let partition: string;
  try {
    partition = parseRoleArn(arn, origin ?? "regional_sts_role_arn").partition;
  } catch (error) {
    findings.push(failedWith("role-arn", error, "use arn:aws:iam::123456789012:role/NAME"));
    return false;
  }
  if (region && regionPartition(region) !== partition) {
    findings.push(
      failed(
        "role-arn",
        `${arn} is in partition ${partition} but region ${region} is in ` +
          `${regionPartition(region) ?? "no known partition"}`,
        "use a role and region of the same partition",
      ),
    );
    return false;
  }
  findings.push(routine("role-arn", `${arn} (account ${arn.split(":")[4]}, partition ${partition})`));
  return true;
}

function checkSourceProfile(settings: Settings, chain: SourceChain, config: LoadedConfig): Finding {
  const source = settings.sourceProfile;
  if (!source)
    return note(
      "source-chain",
      `no regional_sts_source_profile: source credentials come from the default chain ` +
        `(${chain.fingerprint.split(":")[0]})`,
      `set regional_sts_source_profile in [profile ${settings.profile}] to pin them`,
    );
  if (!profileSection(source, config)) {
    return failed(
      "source-chain",
      `source profile ${source} is in neither ${config.paths.configFile} nor ${config.paths.credentialsFile}`,
      `add [profile ${source}] or fix regional_sts_source_profile`,
    );
  }
  return routine("source-chain", `${chain.profiles.join(" -> ")} (no cycle)`);
}

/** A failed finding from a UserError: its message, and its hint as the fix. */
function failedWith(check: Parameters<typeof failed>[0], error: unknown, fallback: string): Finding {
  const { problem, fix } = problemAndFix(error, fallback);
  return failed(check, problem, fix);
}
