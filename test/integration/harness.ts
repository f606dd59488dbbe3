import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import type { AssumeRoleParams } from "../../src/credentials/sts";
import type { ConnectOptions } from "../../src/credentials/types";
import { credentialsFile, IN_PROCESS_SECRETS, ISSUED, SOURCE_KEYS } from "../support/credentials";
import { type RunResult, runInProcess } from "../support/in-process";
import { recordSecrets } from "../support/stderr-capture";

/**
 * A world for in-process tests: a temp home with real config files, the fake STS below and the
 * clock at NOW, run through the one in-process runtime (test/support/in-process.ts).
 */

export const NOW = Date.parse("2026-03-01T10:00:00Z");
export const EXPIRATION_MS = NOW + 3600_000;
/** Secrets that must never reach stderr: the fake STS answer and the source profile's keys. */
export const SECRETS = IN_PROCESS_SECRETS;
export const ROLE = "arn:aws:iam::111122223333:role/Deploy";
export const CREDENTIALS_FILE = credentialsFile({ base: SOURCE_KEYS });

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
          secretAccessKey: ISSUED.secretAccessKey,
          sessionToken: ISSUED.sessionToken,
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

/** A temp home with real config files, a temp cache folder, the fake STS and the clock at NOW. */
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
      const result = await runInProcess({
        argv,
        env: { ...(options.env ?? env) },
        homeDir: root,
        cacheDir: options.cacheDir ?? world.cacheDir,
        now: NOW,
        uid: process.getuid?.(),
        connectSts: sts.connectSts,
      });
      for (const secret of SECRETS) expect(result.stderr).not.toContain(secret);
      return result;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  return world;
}

/** The exact stdout for credentials the fake issued as its `n`th answer. */
export function expectedJson(n: number): string {
  return (
    `{"Version":1,"AccessKeyId":"ASIAFAKE${n}","SecretAccessKey":"${ISSUED.secretAccessKey}",` +
    `"SessionToken":"${ISSUED.sessionToken}","Expiration":"2026-03-01T11:00:00Z","AccountId":"111122223333"}\n`
  );
}
