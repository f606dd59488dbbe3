import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "../support/fake-aws/cli-args.js";
import { SEED } from "../support/fake-aws/index.js";
import { errorOf, stsClientVia } from "./clients.js";

describe("parseCliArgs", () => {
  it("reads every flag", () => {
    expect(
      parseCliArgs(["--listen", "127.0.0.1:443", "--proxy-port", "0", "--cert-dir", "/tmp/x", "--delay-ms", "25"]),
    ).toEqual({
      options: { listen: { host: "127.0.0.1", port: 443 }, proxy: { port: 0 }, certDir: "/tmp/x", delayMs: 25 },
      adminPort: 0,
    });
    expect(parseCliArgs(["--listen", "[::1]:8443", "--no-proxy"]).options).toEqual({
      listen: { host: "::1", port: 8443 },
      proxy: false,
    });
  });

  it("names the faulty flag", () => {
    expect(() => parseCliArgs(["--delay-ms", "soon"])).toThrow("--delay-ms: not a number: soon");
    expect(() => parseCliArgs(["--bogus"])).toThrow("unknown argument: --bogus");
    expect(() => parseCliArgs(["--listen"])).toThrow("--listen needs a value");
  });
});

describe("the bundled standalone fake", () => {
  let dir: string;
  let child: ChildProcess;
  let ready: { caPath: string; directUrl: string; proxyUrl: string; adminUrl: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "fake-aws-bundle-"));
    const outfile = join(dir, "fake-aws.cjs");
    await build({
      entryPoints: ["test/support/fake-aws/cli.ts"],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile,
      logLevel: "silent",
    });
    child = spawn(
      process.execPath,
      [outfile, "--proxy-port", "0", "--cert-dir", join(dir, "certs"), "--delay-ms", "5"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve) => lines.once("line", resolve));
    ready = JSON.parse(first) as typeof ready;
  }, 20_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  const admin = async (path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(
      `${ready.adminUrl}${path}`,
      body === undefined
        ? {}
        : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } },
    );
    return res.json();
  };

  it("prints one ready line and is controlled over the admin endpoint", async () => {
    expect(ready.caPath).toBe(join(dir, "certs", "ca.pem"));
    expect(ready.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.directUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await admin("/fault", { action: "AssumeRole", code: "Throttling", count: 1 })).toMatchObject({
      id: 1,
      kind: "error",
      remaining: 1,
    });
    expect(await admin("/faults")).toHaveLength(1);
    expect(await admin("/delay", { ms: 10 })).toEqual({ ok: true });
    expect(await admin("/delay", { ms: "x" })).toEqual({ error: '"ms" must be a number' });
    expect(await admin("/counts")).toMatchObject({ total: 0, assumeRole: 0 });
    expect(await admin("/log")).toEqual([]);
    expect(await admin("/reset", {})).toEqual({ ok: true });
  });

  it("serves the seed scenario and logs no secrets", async () => {
    const sts = stsClientVia(ready, { region: "ap-northeast-1", credentials: SEED.alice });
    const first = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: SEED.roleKatoaki, RoleSessionName: "x1" })));
    expect(first.name).toBe("Throttling");
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: SEED.roleKatoaki, RoleSessionName: "x2" }));
    await admin("/fault", { kind: "hang", action: "GetCallerIdentity" });
    expect(await admin("/counts")).toMatchObject({
      assumeRole: 2,
      assumeRoleHosts: { "sts.ap-northeast-1.amazonaws.com": 2 },
      byErrorCode: { Throttling: 1 },
    });
    const log = JSON.stringify(await admin("/log"));
    expect(log).toContain(SEED.alice.accessKeyId);
    for (const secret of [
      SEED.alice.secretAccessKey,
      out.Credentials?.SecretAccessKey,
      out.Credentials?.SessionToken,
    ]) {
      expect(log).not.toContain(secret);
    }
    await errorOf(
      stsClientVia(ready, { region: "eu-west-1", credentials: SEED.alice, requestTimeoutMs: 100 }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
  });

  it("exits cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
