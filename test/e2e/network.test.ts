import { describe, expect, it } from "vitest";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ENTRIES, useE2e } from "./harness";

const BIN = ENTRIES.binary[0];
const CP = ["credential-process", "--profile", "hk-role"];
/** Nothing trusted but the system's CAs: the stand-in's CA must come from AWS_CA_BUNDLE or ca_bundle. */
const NO_CA = { AWS_CA_BUNDLE: "", NODE_EXTRA_CA_CERTS: "" };
let e2e: E2e;

// Both doors open: direct at 127.0.0.1:443 (where /etc/hosts points) and the CONNECT proxy.
useE2e(
  (e) => (e2e = e),
  () => [hkConfig(BIN), ACCOUNT_A_CREDENTIALS],
  { proxy: true },
);

/** Each AssumeRole: host, status, and whether it came through a proxy tunnel. */
const assumeRoutes = () =>
  e2e.fake.log
    .filter((l) => l.action === "AssumeRole")
    .map((l) => `${l.host} ${l.status} ${l.connectHost ? "via proxy" : "direct"}`);

describe("proxies", () => {
  it("HTTPS_PROXY carries every STS call through CONNECT, and AWS_CA_BUNDLE applies inside the tunnel", async () => {
    const result = await e2e.run(BIN, CP, {
      ...NO_CA,
      AWS_CA_BUNDLE: e2e.fake.caPath,
      HTTPS_PROXY: e2e.fake.proxyUrl!,
    });
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(assumeRoutes()).toEqual([
      "sts.ap-east-1.amazonaws.com 403 via proxy",
      "sts.us-east-1.amazonaws.com 200 via proxy",
    ]);
    expect(e2e.fake.counts().connectHosts).toEqual({
      "sts.ap-east-1.amazonaws.com": 1,
      "sts.us-east-1.amazonaws.com": 1,
    });
  });

  it("lower-case https_proxy works as well", async () => {
    const result = await e2e.run(BIN, CP, { https_proxy: e2e.fake.proxyUrl! });
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(assumeRoutes()).toEqual([
      "sts.ap-east-1.amazonaws.com 403 via proxy",
      "sts.us-east-1.amazonaws.com 200 via proxy",
    ]);
  });

  it("NO_PROXY is applied per host: a listed host goes direct, the others through the proxy", async () => {
    const result = await e2e.run(BIN, CP, {
      HTTPS_PROXY: e2e.fake.proxyUrl!,
      NO_PROXY: "localhost,sts.us-east-1.amazonaws.com",
    });
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(assumeRoutes()).toEqual([
      "sts.ap-east-1.amazonaws.com 403 via proxy",
      "sts.us-east-1.amazonaws.com 200 direct",
    ]);
  });

  it("NO_PROXY with a domain suffix bypasses the proxy for every STS host", async () => {
    const result = await e2e.run(BIN, CP, { HTTPS_PROXY: e2e.fake.proxyUrl!, NO_PROXY: ".amazonaws.com" });
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(assumeRoutes()).toEqual([
      "sts.ap-east-1.amazonaws.com 403 direct",
      "sts.us-east-1.amazonaws.com 200 direct",
    ]);
    expect(e2e.fake.counts().connects).toBe(0);
  });

  needs("aws").it("the AWS CLI and the helper it runs both use the proxy", async () => {
    const result = await e2e.run(
      "aws",
      [
        "--profile",
        "hk-role",
        "sts",
        "get-caller-identity",
        "--region",
        "ap-east-1",
        "--query",
        "Account",
        "--output",
        "text",
      ],
      { HTTPS_PROXY: e2e.fake.proxyUrl! },
    );
    expect([result.code, result.stdout, result.stderr]).toEqual([0, "222222222222\n", ""]);
    expect(e2e.fake.log.map((l) => `${l.action} ${l.connectHost ? "via proxy" : "direct"}`)).toEqual([
      "AssumeRole via proxy",
      "AssumeRole via proxy",
      "GetCallerIdentity via proxy",
    ]);
  });

  it("a proxy that refuses connections: one line that points at HTTPS_PROXY", async () => {
    const result = await e2e.run(BIN, CP, { HTTPS_PROXY: "http://127.0.0.1:9" });
    expect([result.code, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toBe(
      "regional-sts: profile hk-role: AssumeRole arn:aws:iam::222222222222:role/katoaki at " +
        "sts.ap-east-1.amazonaws.com failed: cannot connect (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9); " +
        "check the network, HTTPS_PROXY and NO_PROXY\n",
    );
    expect(e2e.fake.log).toEqual([]);
  });
});

describe("CA bundles", () => {
  it("without the stand-in's CA the TLS failure says to set AWS_CA_BUNDLE or ca_bundle", async () => {
    const result = await e2e.run(BIN, CP, NO_CA);
    expect([result.code, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toBe(
      "regional-sts: profile hk-role: AssumeRole arn:aws:iam::222222222222:role/katoaki at " +
        "sts.ap-east-1.amazonaws.com failed: the server's TLS certificate is not trusted " +
        "(UNABLE_TO_VERIFY_LEAF_SIGNATURE); set AWS_CA_BUNDLE (or ca_bundle) to your CA bundle\n",
    );
  });

  it("ca_bundle in the profile is used", async () => {
    e2e.writeFiles(`${hkConfig(BIN)}ca_bundle = ${e2e.fake.caPath}\n`, ACCOUNT_A_CREDENTIALS);
    try {
      const result = await e2e.run(BIN, CP, NO_CA);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(assumeRoutes()).toEqual([
        "sts.ap-east-1.amazonaws.com 403 direct",
        "sts.us-east-1.amazonaws.com 200 direct",
      ]);
    } finally {
      e2e.writeFiles(hkConfig(BIN), ACCOUNT_A_CREDENTIALS);
    }
  });

  it("AWS_CA_BUNDLE wins over ca_bundle, as in the AWS CLI", async () => {
    e2e.writeFiles(`${hkConfig(BIN)}ca_bundle = /nonexistent/profile-ca.pem\n`, ACCOUNT_A_CREDENTIALS);
    try {
      const result = await e2e.run(BIN, CP, { ...NO_CA, AWS_CA_BUNDLE: e2e.fake.caPath });
      expect([result.code, result.stderr]).toEqual([0, ""]);
    } finally {
      e2e.writeFiles(hkConfig(BIN), ACCOUNT_A_CREDENTIALS);
    }
  });

  it("an unreadable bundle is named", async () => {
    const result = await e2e.run(BIN, CP, { ...NO_CA, AWS_CA_BUNDLE: "/nonexistent/ca.pem" });
    expect([result.code, result.stdout, result.stderr]).toEqual([
      1,
      "",
      "regional-sts: AWS_CA_BUNDLE: cannot read /nonexistent/ca.pem (ENOENT); fix the path\n",
    ]);
  });

  it("an unreadable ca_bundle in the profile is named as such", async () => {
    e2e.writeFiles(`${hkConfig(BIN)}ca_bundle = /nonexistent/profile-ca.pem\n`, ACCOUNT_A_CREDENTIALS);
    try {
      const result = await e2e.run(BIN, CP, NO_CA);
      expect([result.code, result.stdout, result.stderr]).toEqual([
        1,
        "",
        "regional-sts: ca_bundle in profile hk-role: cannot read /nonexistent/profile-ca.pem (ENOENT); fix the path\n",
      ]);
    } finally {
      e2e.writeFiles(hkConfig(BIN), ACCOUNT_A_CREDENTIALS);
    }
  });
});
