import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import https from "node:https";
import { connect } from "node:net";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { allHostNames, type FakeAws, SEED } from "../support/fake-aws/index.js";
import { errorCodeOf, errorOf, stsClientVia, useFakeAws } from "./clients.js";

let fake: FakeAws;
useFakeAws((f) => (fake = f));

const whoAmI = (opts: { maxAttempts?: number; requestTimeoutMs?: number; via?: "proxy" | "direct" } = {}) =>
  stsClientVia(fake, { region: "us-west-2", credentials: SEED.alice, ...opts }).send(new GetCallerIdentityCommand({}));

/** Sends a raw CONNECT to the proxy and returns the status line. */
function rawConnect(target: string): Promise<string> {
  const { port } = new URL(fake.proxyUrl ?? "");
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), "127.0.0.1", () =>
      s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`),
    );
    s.once("data", (d: Buffer) => {
      resolve(d.toString("latin1").split("\r\n")[0] ?? "");
      s.destroy();
    });
    s.once("error", reject);
  });
}

describe("transport", () => {
  it("puts every host name and 127.0.0.1 in the certificate", () => {
    const text = execFileSync(
      "/usr/bin/openssl",
      ["x509", "-in", `${fake.certDir}/server.pem`, "-noout", "-ext", "subjectAltName"],
      { encoding: "utf8" },
    );
    for (const name of [
      "sts.amazonaws.com",
      "sts.ap-east-1.amazonaws.com",
      "sts-fips.us-gov-east-1.api.aws",
      "sts.cn-northwest-1.api.amazonwebservices.com.cn",
      "ec2.mx-central-1.amazonaws.com",
      "iam.amazonaws.com",
    ]) {
      expect(text).toContain(`DNS:${name},`);
    }
    expect(text).toContain("IP Address:127.0.0.1");
    expect(allHostNames().length).toBeGreaterThan(150);
    expect(fake.hostsFileLines("127.0.0.1")).toContain("\n127.0.0.1 sts.ap-east-1.amazonaws.com\n");
  });

  it("refuses CONNECT to hosts it does not serve", async () => {
    expect(await rawConnect("example.com:443")).toBe("HTTP/1.1 403 Forbidden");
    expect(await rawConnect("sts.amazonaws.com:8443")).toBe("HTTP/1.1 403 Forbidden");
    expect(await rawConnect("sts.eu-south-2.amazonaws.com:443")).toBe("HTTP/1.1 200 Connection Established");
    expect(fake.counts().connectHosts).toEqual({
      "example.com": 1,
      "sts.amazonaws.com": 1,
      "sts.eu-south-2.amazonaws.com": 1,
    });
  });

  it("answers 404 for an unknown Host header", async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      https
        .get(`${fake.directUrl ?? ""}/`, { ca: readFileSync(fake.caPath), servername: "localhost" }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on("error", reject);
    });
    expect(status).toBe(404);
    expect(fake.log[0]).toMatchObject({ host: "127.0.0.1", status: 404 });
  });

  it("serves real host names on the direct listener", async () => {
    const out = await whoAmI({ via: "direct" });
    expect(out.Account).toBe(SEED.accountA);
    expect(fake.log[0]).toMatchObject({ host: "sts.us-west-2.amazonaws.com", status: 200 });
    expect(fake.log[0]?.connectHost).toBeUndefined();
  });
});

describe("fault injection", () => {
  it("throttles the next N matching requests", async () => {
    fake.injectFault({ action: "GetCallerIdentity", code: "Throttling", count: 1 });
    const err = await errorOf(whoAmI());
    expect([err.name, err.message, err.$metadata?.httpStatusCode]).toEqual(["Throttling", "Rate exceeded", 400]);
    fake.injectFault({ host: "sts.us-west-2.amazonaws.com", code: "InternalFailure", count: 2 });
    const out = await whoAmI({ maxAttempts: 3 });
    expect(out.$metadata.attempts).toBe(3);
    expect(fake.log.map((e) => e.errorCode ?? e.status)).toEqual([
      "Throttling",
      "InternalFailure",
      "InternalFailure",
      200,
    ]);
    expect(fake.faults()).toEqual([]);
  });

  it("answers with a non-XML body, resets, or hangs", async () => {
    fake.injectFault({ kind: "nonXml", status: 503 });
    expect((await errorOf(whoAmI())).$metadata?.httpStatusCode).toBe(503);
    fake.injectFault({ kind: "reset" });
    expect(await errorCodeOf(whoAmI())).not.toBe("");
    fake.injectFault({ kind: "hang" });
    const started = Date.now();
    expect(await errorCodeOf(whoAmI({ requestTimeoutMs: 300 }))).toBe("TimeoutError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.log.map((e) => [e.fault, e.status])).toEqual([
      ["nonXml", 503],
      ["reset", 0],
      ["hang", 0],
    ]);
  });

  it("adds a constant delay to every answer", async () => {
    fake.setDelayMs(150);
    const started = Date.now();
    await whoAmI();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
