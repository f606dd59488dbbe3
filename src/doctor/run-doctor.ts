import { type LoadedConfig, loadConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import type { Flags } from "../config/settings";
import { problemAndFix } from "../errors";
import type { Runtime } from "../runtime";
import { checkAws } from "./aws-checks";
import { checkCache } from "./cache-check";
import { checkConfiguration } from "./config-checks";
import { type Finding, failed, type Report, skipped } from "./findings";
import type { ConnectDoctor } from "./port";

const AWS_CHECKS = ["source", "target-region", "sts-endpoint", "global-endpoint", "assume-role", "role-in-region"];

/**
 * Every check of issue 4 for one profile. The AWS checks run even after a configuration
 * warning or failure when enough is known to make them, so one run shows every problem.
 */
export async function runDoctor(
  profile: string,
  flags: Flags,
  runtime: Runtime,
  connect: ConnectDoctor,
): Promise<Report> {
  let config: LoadedConfig;
  try {
    config = await loadConfig(resolveConfigPaths(runtime.env, runtime.homeDir));
  } catch (error) {
    const { problem, fix } = problemAndFix(error, "fix the file");
    const findings = [failed("config-files", problem, fix)];
    return finish(
      profile,
      undefined,
      [
        ...findings,
        ...AWS_CHECKS.map((c) => skipped(c, "needs a readable configuration")),
        checkCache(undefined, undefined, runtime),
      ],
      false,
    );
  }
  const outcome = checkConfiguration(profile, config, flags, runtime.env);
  const findings: Finding[] = [...outcome.findings];
  let worked = false;
  if (outcome.notUsed) {
    findings.push(...AWS_CHECKS.map((c) => skipped(c, `${outcome.notUsed}`)));
  } else if (outcome.settings && outcome.chain) {
    const aws = await checkAws({ settings: outcome.settings, chain: outcome.chain, config, runtime, connect });
    findings.push(...aws.findings);
    worked = aws.ok;
  } else {
    findings.push(...AWS_CHECKS.map((c) => skipped(c, "needs a valid profile configuration")));
  }
  if (!outcome.notUsed || outcome.settings) findings.push(checkCache(outcome.settings, outcome.chain, runtime));
  return finish(profile, outcome.region, findings, worked);
}

function finish(profile: string, region: string | undefined, findings: Finding[], worked: boolean): Report {
  return {
    profile,
    region,
    ok: worked && !findings.some((f) => f.status === "failed"),
    settingsWork: worked,
    findings,
  };
}
