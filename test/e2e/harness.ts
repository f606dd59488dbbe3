import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { type FakeAws, SEED, startFakeAws } from "../support/fake-aws/index";
import { recordSecrets, recordStderr } from "../support/stderr-capture";
import { spawnError } from "../support/tools";

export const ROOT = resolve(import.meta.dirname, "../..");
/**
 * The two shipped forms: the standalone binary and the npm bin entry. REGIONAL_STS_E2E_BINARY
 * puts another binary in the first's place (scripts/test-release.mjs: the release's, arm64 under qemu).
 */
export const ENTRIES = {
  binary: [process.env.REGIONAL_STS_E2E_BINARY || join(ROOT, "dist/regional-sts")],
  // Run as npm runs its bin: executed directly, through its #!/usr/bin/env node line.
  npm: [join(ROOT, "dist/cli.cjs")],
} as const;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * End-to-end tests talk to the real AWS host names. They only run inside the private network
 * and mount namespace that `npm test` creates, where /etc/hosts can point those names at the
 * loopback stand-in without touching the machine.
 */
export function assertPrivateNamespace(): void {
  const outer = process.env.REGIONAL_STS_E2E_OUTER_NETNS;
  if (!outer || readlinkSync("/proc/self/ns/net") === outer) {
    throw new Error("end-to-end tests need the private namespace that `npm test` sets up (scripts/test.mjs)");
  }
}

export class E2e {
  readonly home = mkdtempSync(join(tmpdir(), "regional-sts-e2e-"));
  readonly configFile = join(this.home, ".aws", "config");
  readonly credentialsFile = join(this.home, ".aws", "credentials");
  readonly cacheDir = join(this.home, ".cache", "regional-sts");
  /** Every stderr captured, for the no-secret-in-stderr check. */
  readonly stderrs: string[] = [];
  constructor(readonly fake: FakeAws) {
    mkdirSync(join(this.home, ".aws"), { recursive: true });
  }

  writeFiles(config: string, credentials = ""): void {
    writeFileSync(this.configFile, config);
    writeFileSync(this.credentialsFile, credentials);
  }

  clearCache(): void {
    rmSync(this.cacheDir, { recursive: true, force: true });
  }

  /** A clean environment: none of the machine's AWS or proxy settings, the stand-in's CA trusted. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/^(AWS_|NODE_|REGIONAL_STS_|HTTPS?_PROXY|NO_PROXY|VITEST|npm_)/i.test(k)) env[k] = v;
    }
    return {
      ...env,
      HOME: this.home,
      PYENV_ROOT: process.env.PYENV_ROOT ?? "/root/.pyenv",
      AWS_CONFIG_FILE: this.configFile,
      AWS_SHARED_CREDENTIALS_FILE: this.credentialsFile,
      XDG_CACHE_HOME: join(this.home, ".cache"),
      AWS_CA_BUNDLE: this.fake.caPath,
      NODE_EXTRA_CA_CERTS: this.fake.caPath,
      AWS_EC2_METADATA_DISABLED: "true",
      ...extra,
    };
  }

  run(
    command: string,
    args: readonly string[],
    extraEnv: Record<string, string> = {},
    input?: string,
  ): Promise<RunResult> {
    return new Promise((done, fail) => {
      const child = spawn(command, args, { env: this.env(extraEnv), stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", (err: NodeJS.ErrnoException) => fail(spawnError(command, err)));
      child.on("close", (code, signal) => {
        this.stderrs.push(stderr);
        recordStderr(stderr);
        done({ code, signal, stdout, stderr });
      });
      child.stdin.end(input ?? "");
    });
  }

  /**
   * Exactly one AssumeRole call reached the stand-in, answered at its first attempt. A retry (the
   * SDK gave up waiting and sent the same call again) is reported as that, never counted as a
   * second lock holder.
   */
  expectOneAssumeRole(): void {
    const retries = this.fake
      .retriedAssumeRoles()
      .map((e) => `attempt ${e.sdkAttempt} of call ${e.invocationId} (HTTP ${e.status || "none"})`);
    expect(
      retries,
      "an AssumeRole was retried by the SDK: its answer came too late (a slow machine or stand-in), " +
        "which is not a second lock holder",
    ).toEqual([]);
    expect(this.fake.assumeRoleCount(), "AssumeRole calls (one per lock holder)").toBe(1);
  }

  /** Secrets and session tokens the stand-in issued or knows: none may appear in any stderr. */
  leakedSecrets(): string[] {
    const secrets = this.fake.issuedCredentials().flatMap((c) => [c.secretAccessKey, c.sessionToken]);
    return secrets.filter((s) => this.stderrs.some((e) => e.includes(s)));
  }

  async close(): Promise<void> {
    // For the suite-wide scan (test/support/secret-scan.global.ts): every key the stand-in issued or holds.
    recordSecrets(this.fake.issuedCredentials().flatMap((c) => [c.secretAccessKey, c.sessionToken]));
    recordSecrets(
      Object.values(SEED).flatMap((v) => (typeof v === "object" && "secretAccessKey" in v ? [v.secretAccessKey] : [])),
    );
    execFileSync("umount", ["/etc/hosts"]);
    await this.fake.close();
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Starts the stand-in on 127.0.0.1:443 (and its CONNECT proxy when asked) and points every AWS host name at it. */
export async function startE2e(options: { proxy?: boolean } = {}): Promise<E2e> {
  assertPrivateNamespace();
  const fake = await startFakeAws({ listen: { host: "127.0.0.1", port: 443 }, proxy: options.proxy ?? false });
  const hosts = join(fake.certDir, "hosts");
  writeFileSync(hosts, fake.hostsFileLines("127.0.0.1"));
  execFileSync("mount", ["--bind", hosts, "/etc/hosts"]);
  return new E2e(fake);
}

/**
 * A test file's lifecycle: the stand-in started (handed to `set`, with `files` written) before
 * all tests; before each, an empty cache and log and no faults, delay or clock offset; after
 * all, no secret in any stderr, then shutdown.
 */
export function useE2e(
  set: (e2e: E2e) => void,
  files?: () => [config: string, credentials: string],
  options: { proxy?: boolean } = {},
): void {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e(options);
    set(e2e);
    if (files) e2e.writeFiles(...files());
  });
  afterAll(async () => {
    expect(e2e.leakedSecrets()).toEqual([]);
    await e2e.close();
  });
  beforeEach(() => {
    e2e.clearCache();
    e2e.fake.resetLog();
    e2e.fake.clearFaults();
    e2e.fake.setDelayMs(0);
    e2e.fake.setClockOffsetMs(0);
  });
}
