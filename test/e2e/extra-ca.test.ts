import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { describe, expect, it } from "vitest";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

// NODE_EXTRA_CA_CERTS through both entries: Node loads it (at start on Node 20, on first use on
// 22+); to every caller it must mean what it means to Node.
const NPM = ENTRIES.npm[0];
const CP = ["credential-process", "--profile", "hk-role"];
const ONLY_EXTRA = () => ({ AWS_CA_BUNDLE: "", NODE_EXTRA_CA_CERTS: e2e.fake.caPath });
let e2e: E2e;

useE2e(
  (e) => (e2e = e),
  () => [hkConfig(NPM), ACCOUNT_A_CREDENTIALS],
);

const assumeRoles = () => e2e.fake.log.filter((l) => l.action === "AssumeRole").map((l) => `${l.host} ${l.status}`);

describe("NODE_EXTRA_CA_CERTS", () => {
  for (const [name, [entry]] of Object.entries(ENTRIES)) {
    it(`${name}: the stand-in's CA given only there is trusted, for every STS call of a miss`, async () => {
      const result = await e2e.run(entry, CP, ONLY_EXTRA());
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(JSON.parse(result.stdout).Version).toBe(1);
      expect(assumeRoles()).toEqual(["sts.ap-east-1.amazonaws.com 403", "sts.us-east-1.amazonaws.com 200"]);
    });

    it(`${name}: AWS_CA_BUNDLE replaces it, as the ca option does in Node`, async () => {
      const other = join(e2e.home, "other-ca.pem");
      writeFileSync(other, rootCertificates[0]!);
      const result = await e2e.run(entry, CP, { ...ONLY_EXTRA(), AWS_CA_BUNDLE: other });
      expect([result.code, result.stdout]).toEqual([1, ""]);
      expect(result.stderr).toMatch(/the server's TLS certificate is not trusted/);
    });

    it(`${name}: it adds to the default store even where that is the system's (--use-openssl-ca)`, async () => {
      const other = join(e2e.home, "other-ca.pem");
      writeFileSync(other, rootCertificates[0]!);
      // OpenSSL's default store, which --use-openssl-ca makes Node's, is SSL_CERT_FILE: the stand-in's CA.
      const env = {
        AWS_CA_BUNDLE: "",
        NODE_OPTIONS: "--use-openssl-ca",
        SSL_CERT_FILE: e2e.fake.caPath,
        NODE_EXTRA_CA_CERTS: other,
      };
      const result = await e2e.run(entry, CP, env);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(assumeRoles()).toEqual(["sts.ap-east-1.amazonaws.com 403", "sts.us-east-1.amazonaws.com 200"]);
    });

    it(`${name}: a cache hit never reads it (except Node 20 itself, at start)`, async () => {
      expect((await e2e.run(entry, CP, ONLY_EXTRA())).code).toBe(0);
      const hit = await e2e.run(entry, CP, { ...ONLY_EXTRA(), NODE_EXTRA_CA_CERTS: "/nonexistent/extra.pem" });
      // Node 20 reads the bundle before any JavaScript runs, and warns when it cannot (the reason for engines >=22).
      const node20 = name === "npm" && process.versions.node.startsWith("20.");
      expect([hit.code, hit.stderr]).toEqual([
        0,
        node20
          ? expect.stringMatching(/^Warning: Ignoring extra certs from `\/nonexistent\/extra.pem`, load failed: .*\n$/)
          : "",
      ]);
      expect(assumeRoles()).toHaveLength(2);
    });
  }

  it("npm entry: an unreadable one is ignored on a miss with Node's own warning", async () => {
    const result = await e2e.run(NPM, CP, { AWS_CA_BUNDLE: "", NODE_EXTRA_CA_CERTS: "/nonexistent/extra.pem" });
    expect([result.code, result.stdout]).toEqual([1, ""]);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Warning: Ignoring extra certs from `\/nonexistent\/extra.pem`, load failed: /);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/the server's TLS certificate is not trusted/)]);
  });

  it("npm entry: children get it unchanged", async () => {
    const dump =
      "process.stdout.write(JSON.stringify(Object.keys(process.env).filter((k) => " +
      "/^(NODE_|REGIONAL_STS_(BIN|DEFERRED))/.test(k)).sort().map((k) => [k, process.env[k]])))";
    const result = await e2e.run(
      NPM,
      ["exec", "--profile", "hk-role", "--", process.execPath, "-e", dump],
      ONLY_EXTRA(),
    );
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(JSON.parse(result.stdout)).toEqual([["NODE_EXTRA_CA_CERTS", e2e.fake.caPath]]);
  });

  it("npm entry: configure writes the bin file itself as the command (Unix runs it through its #! line)", async () => {
    const result = await e2e.run(NPM, [
      "configure",
      "new-role",
      "--region",
      "me-south-1",
      "--role-arn",
      "arn:aws:iam::222222222222:role/katoaki",
      "--source-profile",
      "account-a",
    ]);
    expect([result.code, result.stderr]).toEqual([0, expect.any(String)]);
    expect(readFileSync(e2e.configFile, "utf8")).toContain(
      `credential_process = ${NPM} credential-process --profile new-role\n`,
    );
    e2e.writeFiles(hkConfig(NPM), ACCOUNT_A_CREDENTIALS);
  });
});
