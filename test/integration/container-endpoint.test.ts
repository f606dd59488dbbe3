import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ContainerEndpoint, startContainerEndpoint } from "../../src/credentials/container-endpoint";
import { getCredentials } from "../../src/credentials/get-credentials";
import type { Runtime } from "../../src/runtime";
import { CREDENTIALS_FILE, EXPIRATION_MS, FakeSts, NOW, ROLE, SECRETS } from "./harness";

/** The endpoint of `exec --server` with the real cache and orchestration, a fake STS and a clock the test moves. */
describe("container credentials endpoint", () => {
  let endpoint: ContainerEndpoint | undefined;
  let root: string;
  afterEach(async () => {
    await endpoint?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function start(clock: { ms: number }) {
    root = mkdtempSync(join(tmpdir(), "regional-sts-endpoint-"));
    writeFileSync(
      join(root, "config"),
      `[profile p]\nregion = eu-west-1\nregional_sts_role_arn = ${ROLE}\nregional_sts_source_profile = base\n`,
    );
    writeFileSync(join(root, "credentials"), CREDENTIALS_FILE);
    const sts = new FakeSts();
    const env = {
      AWS_CONFIG_FILE: join(root, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(root, "credentials"),
      USER: "tester",
    };
    const errors: string[] = [];
    const runtime = {
      argv: [],
      env,
      homeDir: root,
      cacheDir: join(root, "cache"),
      now: () => clock.ms,
      pid: process.pid,
      uid: process.getuid?.(),
      processAlive: () => true,
      connectSts: sts.connectSts,
      platform: process.platform,
    } as unknown as Runtime;
    const request = { profile: "p", flags: {}, useCache: true, log: () => {}, warn: () => {} };
    endpoint = await startContainerEndpoint({
      provide: async () => (await getCredentials(request, { ...runtime, env: { ...env } })).credentials,
      onError: (error) => {
        errors.push(String(error));
        return "failed";
      },
    });
    return { sts, errors };
  }

  const fetchWith = (token: string | undefined) =>
    fetch(endpoint!.url, { headers: token === undefined ? {} : { Authorization: token } }).then(async (r) => ({
      status: r.status,
      body: await r.text(),
    }));

  it("answers from the cache while more than 15 minutes are left, then refreshes", async () => {
    const clock = { ms: NOW };
    const { sts } = await start(clock);
    const first = JSON.parse((await fetchWith(endpoint!.token)).body);
    expect(first).toEqual({
      AccessKeyId: "ASIAFAKE1",
      SecretAccessKey: SECRETS[0],
      Token: SECRETS[1],
      Expiration: "2026-03-01T11:00:00Z",
      AccountId: "111122223333",
    });
    clock.ms = EXPIRATION_MS - 16 * 60_000;
    expect(JSON.parse((await fetchWith(endpoint!.token)).body).AccessKeyId).toBe("ASIAFAKE1");
    expect(sts.calls).toHaveLength(1);
    clock.ms = EXPIRATION_MS - 14 * 60_000;
    expect(JSON.parse((await fetchWith(endpoint!.token)).body).AccessKeyId).toBe("ASIAFAKE2");
    expect(sts.calls).toHaveLength(2);
  });

  it("listens on 127.0.0.1 only, with a new random token each time; anything without it gets a bare 401", async () => {
    const { sts } = await start({ ms: NOW });
    const token = endpoint!.token;
    expect(endpoint!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(token).toMatch(/^[\w-]{43}$/);
    for (const wrong of [undefined, "", `${token}x`, token.slice(1), `Bearer ${token}`]) {
      expect(await fetchWith(wrong)).toEqual({ status: 401, body: "" });
    }
    expect(sts.calls).toHaveLength(0);
    const other = await startContainerEndpoint({
      provide: async () => Promise.reject(new Error("unused")),
      onError: () => "",
    });
    expect(other.token).not.toBe(token);
    await other.close();
  });

  it("a failure is a 500 with one line, told through onError", async () => {
    const { sts, errors } = await start({ ms: NOW });
    sts.failures.set("eu-west-1", { name: "AccessDenied", message: "not allowed" });
    const answer = await fetchWith(endpoint!.token);
    expect(answer).toEqual({ status: 500, body: '{"code":"CredentialsError","message":"failed"}' });
    expect(errors).toHaveLength(1);
  });
});
