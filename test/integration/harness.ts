import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import { run } from "../../src/cli/run";
import type { ConnectOptions } from "../../src/credentials/types";
import type { AssumeRoleParams } from "../../src/credentials/sts";
import type { Runtime } from "../../src/runtime";
import { recordSecrets, recordStderr } from "../support/stderr-capture";

export const NOW = Date.parse("2026-03-01T10:00:00Z");
export const EXPIRATION_MS = NOW + 3600_000;
/** Secrets that must never reach stderr: the fake STS answer and the source profile's keys. */
export const SECRETS = ["fakeSecretAccessKey/abc+", "fakeSessionToken//IQo", "sourceSecretKey"];
export const ROLE = "arn:aws:iam::111122223333:role/Deploy";

export const CREDENTIALS_FILE = `[base]
aws_access_key_id = AKIABASE
aws_secret_access_key = sourceSecretKey
`;

/** The STS fake: answers per region, or throws the SDK-shaped error named for that region. */
export class FakeSts {
  connects: ConnectOptions[] = [];
  /** Environment each connect saw, as a child process the SDK starts would inherit it. */
  connectEnvs: Record<string, string | undefined>[] = [];
  calls: { region: string; params: AssumeRoleParams }[] = [];
  failures = new Map<string, { name: string; message: string }>();
  delayMs = 0;

  connectSts = async (options: ConnectOptions) => {
    this.connects.push(options);
    this.connectEnvs.push({ ...options.env });
    return async (region: string, params: AssumeRoleParams) => {
      this.calls.push({ region, params });
      if (this.delayMs) await sleep(this.delayMs);
      const failure = this.failures.get(region);
      if (failure) throw Object.assign(new Error(failure.message), { name: failure.name });
      return {
        host: `sts.${region}.amazonaws.com`,
        credentials: {
          accessKeyId: `ASIAFAKE${this.calls.length}`,
          secretAccessKey: SECRETS[0]!,
          sessionToken: SECRETS[1]!,
          expiration: new Date(EXPIRATION_MS).toISOString().replace(".000Z", "Z"), // as the real adapter returns it
          accountId: "111122223333",
        },
      };
    };
  };
}

export interface World {
  root: string;
  cacheDir: string;
  configFile: string;
  sts: FakeSts;
  env: Record<string, string | undefined>;
  run(argv: string[], options?: { env?: Record<string, string | undefined>; cacheDir?: string }): Promise<RunResult>;
  cleanup(): void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp home with real config files, a temp cache folder and a fake STS. */
export function makeWorld(config: string, credentials = CREDENTIALS_FILE): World {
  recordSecrets(SECRETS);
  const root = mkdtempSync(join(tmpdir(), "regional-sts-it-"));
  const configFile = join(root, "config");
  const credentialsFile = join(root, "credentials");
  writeFileSync(configFile, config);
  writeFileSync(credentialsFile, credentials);
  const sts = new FakeSts();
  const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, USER: "tester" };
  const world: World = {
    root,
    cacheDir: join(root, "cache"),
    configFile,
    sts,
    env,
    run: async (argv, options = {}) => {
      let stdout = "";
      let stderr = "";
      const runtime = makeRuntime(argv, { ...(options.env ?? env) }, options.cacheDir ?? world.cacheDir, root, sts);
      runtime.stdout = { write: (text) => void (stdout += text) };
      runtime.stderr = { write: (text) => void (stderr += text) };
      const code = await run(runtime);
      recordStderr(stderr);
      for (const secret of SECRETS) expect(stderr).not.toContain(secret);
      return { code, stdout, stderr };
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  return world;
}

function makeRuntime(argv: string[], env: Runtime["env"], cacheDir: string, home: string, sts: FakeSts): Runtime {
  const refuse = (what: string) => () => {
    throw new Error(`test runtime: unexpected ${what}`);
  };
  return {
    argv,
    env,
    homeDir: home,
    cacheDir,
    now: () => NOW,
    stdout: { write: refuse("stdout") },
    stderr: { write: refuse("stderr") },
    spawn: refuse("spawn"),
    selfCommand: { program: "regional-sts" }, // a bare name not on PATH: written as it is
    pid: process.pid,
    stdinIsTTY: false,
    uid: process.getuid?.(),
    processAlive: () => true,
    platform: process.platform,
    connectSts: sts.connectSts,
    readMfaCode: refuse("MFA prompt"),
    onSignal: () => () => {},
  };
}

/** The exact stdout for credentials the fake issued as its `n`th answer. */
export function expectedJson(n: number): string {
  return `{"Version":1,"AccessKeyId":"ASIAFAKE${n}","SecretAccessKey":"${SECRETS[0]}","SessionToken":"${SECRETS[1]}",` +
    `"Expiration":"2026-03-01T11:00:00Z","AccountId":"111122223333"}\n`;
}
