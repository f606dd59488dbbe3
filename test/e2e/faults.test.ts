import { existsSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type FaultSpec, SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

/**
 * STS and the network misbehaving, through the loopback stand-in and the real binary: each
 * fault ends in one clear stderr line, exit 1, nothing on stdout and no cache entry.
 */
let e2e: E2e;
const BIN = ENTRIES.binary[0];
const LOCKED_ROLE = "arn:aws:iam::222222222222:role/locked";
const config = `
${ACCOUNT_A_PROFILE}[profile stranger]
region = us-east-1
[profile app]
region = us-west-2
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
`;
const credentials = `${ACCOUNT_A_CREDENTIALS}[stranger]
aws_access_key_id = AKIANOBODYEXAMPLE001
aws_secret_access_key = strangerSecret/K7MDENG/bPxRfiCYEXAMPLE001
`;

useE2e(
  (e) => (e2e = e),
  () => [config, credentials],
);
beforeAll(() => e2e.fake.addRole({ arn: LOCKED_ROLE, trustedAccounts: [SEED.accountB] }));

/** Entry files (40 hex digits) and lock files left in the cache folder. */
function cacheLeftovers(): string[] {
  if (!existsSync(e2e.cacheDir)) return [];
  return readdirSync(e2e.cacheDir).filter((f) => /^[0-9a-f]{40}\.(json|lock)/.test(f));
}

const credentialProcess = (...extra: string[]) => e2e.run(BIN, ["credential-process", "--profile", "app", ...extra]);
const attempts = () => e2e.fake.log.filter((e) => e.action === "AssumeRole").length;
const head = (host = "sts.us-west-2.amazonaws.com") =>
  `regional-sts: profile app: AssumeRole ${SEED.roleKatoaki} at ${host} failed`;

interface FaultCase {
  name: string;
  fault?: FaultSpec;
  args?: string[];
  env?: Record<string, string>;
  stderr: string;
  attempts: number;
}

const cases: FaultCase[] = [
  {
    name: "AccessDenied (role does not trust the source)",
    args: ["--role-arn", LOCKED_ROLE],
    attempts: 1,
    stderr:
      `regional-sts: profile app: AssumeRole ${LOCKED_ROLE} at sts.us-west-2.amazonaws.com failed: AccessDenied: ` +
      `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: ` +
      `${LOCKED_ROLE}; check the role's trust policy allows source profile account-a ` +
      `(and its MFA or external id conditions)`,
  },
  {
    name: "ExpiredToken",
    fault: {
      kind: "error",
      action: "AssumeRole",
      code: "ExpiredToken",
      status: 400,
      message: "The security token included in the request is expired",
      count: -1,
    },
    attempts: 1,
    stderr:
      `${head()}: ExpiredToken: the credentials of source profile account-a have expired; ` +
      `refresh them (for SSO: aws sso login)`,
  },
  {
    name: "RegionDisabledException (STS off in sa-east-1 for the role's account)",
    args: ["--region", "sa-east-1"],
    attempts: 1,
    stderr:
      `${head("sts.sa-east-1.amazonaws.com")}: RegionDisabledException: ` +
      `STS is not activated in this region for account:222222222222. Your account administrator can activate STS in ` +
      `this region using the IAM Console.; activate STS in sa-east-1 or set regional_sts_sts_region to another region`,
  },
  {
    name: "InvalidClientTokenId (unknown source key)",
    args: ["--source-profile", "stranger"],
    attempts: 1,
    stderr:
      `${head()}: InvalidClientTokenId: source profile stranger was not accepted; ` +
      `check its keys are current and its account has enabled us-west-2`,
  },
  {
    name: "Throttling on every attempt",
    fault: { kind: "error", action: "AssumeRole", code: "Throttling", count: -1 },
    attempts: 3,
    stderr: `${head()}: Throttling (Rate exceeded) after 3 attempts; wait a moment and try again`,
  },
  {
    name: "5xx on every attempt",
    fault: { kind: "error", action: "AssumeRole", code: "InternalFailure", count: -1 },
    attempts: 3,
    stderr:
      `${head()}: InternalFailure (An internal error has occurred) after 3 attempts; ` +
      `STS is failing on its side, try again in a moment`,
  },
  {
    name: "503 ServiceUnavailable on every attempt",
    fault: { kind: "error", action: "AssumeRole", code: "ServiceUnavailable", count: -1 },
    attempts: 3,
    stderr:
      `${head()}: ServiceUnavailable (Service is unavailable) after 3 attempts; ` +
      `STS is failing on its side, try again in a moment`,
  },
  {
    name: "a body that is not XML (502)",
    fault: { kind: "nonXml", action: "AssumeRole", count: -1 },
    attempts: 3,
    stderr:
      `${head()}: the answer (HTTP 502) is not an AWS response after 3 attempts; ` +
      `check HTTPS_PROXY, NO_PROXY and any firewall between this machine and AWS`,
  },
  {
    name: "a body that is not XML (200)",
    fault: { kind: "nonXml", action: "AssumeRole", status: 200, body: "<html>captive portal</html>", count: -1 },
    attempts: 1,
    stderr:
      `regional-sts: profile app: AssumeRole ${SEED.roleKatoaki} in us-west-2 failed: ` +
      `the answer held no credentials (not an AWS response?); ` +
      `check HTTPS_PROXY, NO_PROXY and any firewall between this machine and AWS`,
  },
  {
    name: "connection reset",
    fault: { kind: "reset", action: "AssumeRole", count: -1 },
    attempts: 3,
    stderr:
      `${head()}: the connection was cut (ECONNRESET: socket hang up); ` +
      `check the network, HTTPS_PROXY and NO_PROXY`,
  },
  {
    name: "connection refused",
    env: { AWS_ENDPOINT_URL_STS: "https://sts.us-west-2.amazonaws.com:4" },
    attempts: 0,
    stderr:
      `${head()}: cannot connect (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4); ` +
      `check the network, HTTPS_PROXY and NO_PROXY`,
  },
  {
    name: "a TLS certificate the client does not trust",
    env: { AWS_CA_BUNDLE: "", NODE_EXTRA_CA_CERTS: "" },
    attempts: 0,
    stderr:
      `${head()}: the server's TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); ` +
      `set AWS_CA_BUNDLE (or ca_bundle) to your CA bundle`,
  },
];

describe("STS and network faults", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: one clear line, exit 1, no cache entry", async (_name, c) => {
    if (c.fault) e2e.fake.injectFault(c.fault);
    const result = await e2e.run(BIN, ["credential-process", "--profile", "app", ...(c.args ?? [])], c.env ?? {});
    expect(result).toMatchObject({ code: 1, stdout: "", stderr: `${c.stderr}\n` });
    expect(attempts()).toBe(c.attempts);
    expect(cacheLeftovers()).toEqual([]);
  });

  it("a server that accepts and never answers: a clear timeout well under the Go SDK's minute", async () => {
    e2e.fake.injectFault({ kind: "hang", action: "AssumeRole", count: -1 });
    const started = Date.now();
    const result = await credentialProcess();
    const elapsedMs = Date.now() - started;
    expect(result).toMatchObject({
      code: 1,
      stdout: "",
      stderr:
        `${head()}: no answer in time after 3 attempts (a request has exceeded the configured 6000 ms ` +
        `requestTimeout.); check the network, HTTPS_PROXY and NO_PROXY\n`,
    });
    expect(attempts()).toBe(3);
    // A bound, not a measurement: 3 attempts of 6 s plus backoff; the Go SDK kills at 60 s.
    expect(elapsedMs).toBeLessThan(40_000);
    expect(cacheLeftovers()).toEqual([]);
  });

  for (const [code, name] of [
    ["Throttling", "throttling"],
    ["InternalFailure", "a 500"],
    ["ServiceUnavailable", "a 503"],
  ] as const) {
    it(`${name} twice, then an answer: retried with backoff, credentials printed and cached`, async () => {
      e2e.fake.injectFault({ kind: "error", action: "AssumeRole", code, count: 2 });
      const result = await credentialProcess();
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).Version).toBe(1);
      expect(e2e.fake.log.filter((e) => e.action === "AssumeRole").map((e) => e.status)).toEqual(
        code === "Throttling" ? [400, 400, 200] : code === "InternalFailure" ? [500, 500, 200] : [503, 503, 200],
      );
      expect(cacheLeftovers()).toHaveLength(1);
    });
  }

  for (const [hours, where] of [
    [2, "behind"],
    [-2, "ahead of"],
  ] as const) {
    it(
      `the machine's clock ${Math.abs(hours)} hours ${where} AWS's: ` +
        `the SDK corrects the skew, Expiration is in local time`,
      async () => {
        e2e.fake.setClockOffsetMs(hours * 3600_000);
        const result = await credentialProcess();
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        // The stand-in issues 1-hour credentials in its own time; printed in this machine's time
        // they must still have about an hour left (not 3 h, not already expired).
        const leftMs = Date.parse(JSON.parse(result.stdout).Expiration) - Date.now();
        expect(leftMs).toBeGreaterThan(50 * 60_000);
        expect(leftMs).toBeLessThan(70 * 60_000);
        expect(e2e.fake.log.filter((e) => e.action === "AssumeRole").map((e) => e.status)).toEqual([403, 200]);
        // The entry is valid in local time, so the next call is a cache hit.
        expect((await credentialProcess()).stdout).toBe(result.stdout);
        expect(attempts()).toBe(2);
      },
    );
  }

  for (const [kind, entry] of Object.entries(ENTRIES)) {
    it(
      `${kind}: a message naming a non-ASCII profile reaches stderr whole ` +
        `(stdout and stderr are written as strings)`,
      async () => {
        const result = await e2e.run(entry[0], ["credential-process", "--profile", "café-日本"]);
        expect([result.code, result.stdout]).toEqual([1, ""]);
        expect(result.stderr).toBe(
          `regional-sts: profile café-日本 not found in ${e2e.configFile}; ` +
            `add a [profile café-日本] section or fix the profile name\n`,
        );
      },
    );
  }
});

export const FAULT_CASES = cases.length + 6;
