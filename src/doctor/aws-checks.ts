import { recallFallback } from "../cache/facts";
import type { LoadedConfig } from "../config/load";
import { isOptInRegion } from "../config/regions";
import { profileSection, type SourceChain } from "../config/source-chain";
import type { Settings } from "../config/validate";
import { defaultEnabledRegion, stsPlanFor } from "../credentials/endpoint-region";
import type { Credentials } from "../credentials/types";
import { problemAndFix } from "../errors";
import type { Runtime } from "../runtime";
import { checkAssumeRole } from "./assume-check";
import { type Finding, failed, note, passed, routine, skipped } from "./findings";
import { checkGlobalEndpoint } from "./global-endpoint";
import { type ConnectDoctor, type DoctorAws, toFailure } from "./port";

export interface AwsCheckInput {
  settings: Settings;
  chain: SourceChain;
  config: LoadedConfig;
  runtime: Runtime;
  connect: ConnectDoctor;
}

const LATER = ["source", "target-region", "sts-endpoint", "global-endpoint", "assume-role", "role-in-region"];

/** Checks 2 to 5 of the issue, in order; a check that cannot run is reported as skipped. */
export async function checkAws(input: AwsCheckInput): Promise<{ findings: Finding[]; ok: boolean }> {
  const { settings: s, config, runtime } = input;
  const findings: Finding[] = [];
  const skipRest = (why: string) => {
    for (const check of LATER.slice(findings.length)) findings.push(skipped(check, why));
    return { findings, ok: false };
  };
  const source = s.sourceProfile ? `source profile ${s.sourceProfile}` : "the default credential chain";
  let aws: DoctorAws;
  try {
    aws = await input.connect({
      profile: s.profile,
      sourceProfile: s.sourceProfile,
      paths: config.paths,
      env: runtime.env,
      caBundle: s.caBundle,
      caBundleOrigin: s.caBundleOrigin,
      useFips: s.useFips,
      useDualstack: s.useDualstack,
      ...(input.chain.stsEndpoint ? { stsEndpoint: input.chain.stsEndpoint } : {}),
      mfaCodeProvider: (serial) => runtime.readMfaCode({ profile: s.profile, serial, process: s.mfaProcess }),
    });
  } catch (error) {
    findings.push(
      failed(
        "source",
        problemAndFix(error, "").problem,
        `check that ${source} has working credentials ` +
          `(aws sts get-caller-identity${s.sourceProfile ? ` --profile ${s.sourceProfile}` : ""})`,
      ),
    );
    return skipRest("needs source credentials");
  }
  const sourceRegion = s.sourceProfile ? profileSection(s.sourceProfile, config)?.region : undefined;
  const homeRegion = defaultEnabledRegion(s.role.partition, sourceRegion);
  let account: string;
  let sourceArn: string;
  try {
    const who = await aws.sourceIdentity(homeRegion);
    account = who.account;
    sourceArn = who.arn;
    findings.push(passed("source", `${source} is ${who.arn} (account ${who.account}), checked at ${who.host}`));
  } catch (error) {
    const f = toFailure(error);
    const network = /^E[A-Z]+|TimeoutError|CERT|TLS/.test(f.name);
    const fix = network
      ? "check the network, HTTPS_PROXY, NO_PROXY and AWS_CA_BUNDLE"
      : `refresh or fix the credentials of ${source}`;
    findings.push(
      failed(
        "source",
        `${source} was refused at ${f.host || `the ${homeRegion} endpoint`}: ${f.name}: ${f.message}`,
        fix,
      ),
    );
    return skipRest("needs working source credentials");
  }
  const enabled = await checkTargetRegion(aws, s.region, account, findings);
  findings.push(endpointFinding(s, input.chain, sourceRegion, enabled, runtime));
  findings.push(await checkGlobalEndpoint(aws, s.role.partition, s.region, account));
  const assumed = await checkAssumeRole({
    aws,
    settings: s,
    runtime,
    source,
    sourceArn,
    stsRegion: effectiveRegion(s, sourceRegion, enabled),
  });
  findings.push(assumed.finding);
  if (!assumed.credentials) return skipRest("needs the role's credentials");
  findings.push(await checkRoleInRegion(aws, assumed.credentials, s));
  return { findings, ok: findings.at(-1)!.status === "passed" };
}

/** Check 3: is the target opt-in, and has the source account enabled it? */
async function checkTargetRegion(
  aws: DoctorAws,
  region: string,
  account: string,
  findings: Finding[],
): Promise<boolean | undefined> {
  if (!isOptInRegion(region)) {
    findings.push(routine("target-region", `${region} is enabled by default in every account`));
    return true;
  }
  try {
    const who = await aws.sourceIdentity(region);
    findings.push(
      passed("target-region", `${region} is opt-in and account ${account} has enabled it (${who.host} answered)`),
    );
    return true;
  } catch (error) {
    const f = toFailure(error);
    if (f.name === "InvalidClientTokenId") {
      // Nothing to fix for this profile, so not a warning (calling the region with account's own
      // keys is another matter).
      findings.push(
        passed(
          "target-region",
          `${region} is opt-in and account ${account} has not enabled it ` +
            `(${f.host} answered InvalidClientTokenId): regional-sts assumes the role at another regional endpoint, ` +
            `and the role's credentials still work in ${region}`,
        ),
      );
      return false;
    }
    findings.push(
      note(
        "target-region",
        `${region} is opt-in; could not tell whether account ${account} has enabled it (${f.name}: ${f.message}); ` +
          `regional-sts falls back to another regional endpoint if it has not`,
      ),
    );
    return undefined;
  }
}

/** The STS region credential-process would call, given what doctor learnt. */
function effectiveRegion(s: Settings, sourceRegion: string | undefined, enabled: boolean | undefined): string {
  const plan = stsPlanFor(s, sourceRegion, undefined);
  return enabled === false && plan.fallback ? plan.fallback : plan.first;
}

function endpointFinding(
  s: Settings,
  c: SourceChain,
  sourceRegion: string | undefined,
  enabled: boolean | undefined,
  runtime: Runtime,
): Finding {
  const remembered = recallFallback(runtime.cacheDir, c.fingerprint, s.region, runtime.now());
  const plan = stsPlanFor(s, sourceRegion, remembered);
  const region = effectiveRegion(s, sourceRegion, enabled);
  const why =
    region === plan.first
      ? plan.reason
      : `${s.region} is opt-in and the source account has not enabled it, ` +
        `so the fallback for partition ${s.role.partition}`;
  const flags = [s.useFips ? "FIPS" : "", s.useDualstack ? "dual-stack" : ""].filter(Boolean).join(", ");
  return passed(
    "sts-endpoint",
    `regional-sts calls the regional STS endpoint of ${region}${flags ? ` (${flags})` : ""}: ${why}; ` +
      `never the global sts.amazonaws.com`,
  );
}

/** Check 5b: do the role's credentials work at the target's own endpoint? */
async function checkRoleInRegion(aws: DoctorAws, credentials: Credentials, s: Settings): Promise<Finding> {
  try {
    const who = await aws.identityWith(credentials, s.region);
    return passed("role-in-region", `the role's credentials work in ${s.region}: ${who.host} answered as ${who.arn}`);
  } catch (error) {
    const f = toFailure(error);
    const account = s.role.accountId;
    const fix =
      f.name === "InvalidClientTokenId" || f.name === "RegionDisabledException"
        ? `enable ${s.region} in account ${account} (the role's account), or choose another region`
        : "see the error above; run credential-process --verbose for details";
    return failed(
      "role-in-region",
      `the role's credentials were refused in ${s.region} (${f.host}): ${f.name}: ${f.message}`,
      fix,
    );
  }
}
