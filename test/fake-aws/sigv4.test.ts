import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import https from "node:https";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, HttpRequest, SourceData } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeAws, SEED, startFakeAws } from "../support/fake-aws/index.js";
import { parseAuthorization, type ReceivedRequest, signatureMatches } from "../support/fake-aws/sigv4.js";
import { agentFor } from "./clients.js";

const bytes = (d: SourceData): Buffer =>
  typeof d === "string"
    ? Buffer.from(d)
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** SignatureV4's hash port, on node:crypto. */
class NodeSha256 implements Checksum {
  private h: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.h = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.secret));
  }
  update(chunk: Uint8Array): void {
    this.h.update(chunk);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset(): void {
    this.h = this.fresh();
  }
}

function signer(
  region: string,
  service: string,
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
) {
  return new SignatureV4({ region, service, credentials: creds, sha256: NodeSha256 });
}

function toReceived(req: HttpRequest, body = ""): ReceivedRequest {
  const query = new URLSearchParams(req.query as Record<string, string>).toString().replace(/\+/g, "%20");
  const rawHeaders = Object.entries(req.headers).flat();
  return { method: req.method, url: req.path + (query ? `?${query}` : ""), rawHeaders, body: Buffer.from(body) };
}

describe("SigV4 verification", () => {
  it('matches the AWS test suite "get-vanilla" example', () => {
    const req: ReceivedRequest = {
      method: "GET",
      url: "/",
      body: Buffer.alloc(0),
      rawHeaders: [
        "Host",
        "example.amazonaws.com",
        "X-Amz-Date",
        "20150830T123600Z",
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
          "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
      ],
    };
    const parsed = parseAuthorization(req);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(signatureMatches(req, parsed.auth, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")).toBe(true);
    expect(signatureMatches(req, parsed.auth, "wrong")).toBe(false);
  });

  it("accepts what @smithy/signature-v4 signs, with a query string, a body and a session token", async () => {
    const body = "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fkatoaki&Version=2011-06-15";
    const signed = await signer("eu-west-1", "sts", { ...SEED.alice, sessionToken: "tok en" }).sign({
      method: "POST",
      protocol: "https:",
      hostname: "sts.eu-west-1.amazonaws.com",
      path: "/",
      query: { b: "x y", a: "π*" },
      headers: { host: "sts.eu-west-1.amazonaws.com", "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    const received = toReceived(signed, body);
    const parsed = parseAuthorization(received);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.auth).toMatchObject({ accessKeyId: SEED.alice.accessKeyId, region: "eu-west-1", service: "sts" });
    expect(signatureMatches(received, parsed.auth, SEED.alice.secretAccessKey)).toBe(true);
  });
});

describe("GET requests", () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws({ listen: false });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("serves query-string actions signed by SignatureV4", async () => {
    const host = "sts.ap-northeast-1.amazonaws.com";
    const signed = await signer("ap-northeast-1", "sts", SEED.alice).sign({
      method: "GET",
      protocol: "https:",
      hostname: host,
      path: "/",
      query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      headers: { host },
    });
    const { url, rawHeaders } = toReceived(signed);
    const headers = Object.fromEntries(rawHeaders.flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1] ?? ""]] : [])));
    const text = await new Promise<string>((resolve, reject) => {
      https
        .get({ host, path: url, headers, agent: agentFor(fake) }, (res) => {
          let t = "";
          res
            .setEncoding("utf8")
            .on("data", (c: string) => (t += c))
            .on("end", () => resolve(t));
        })
        .on("error", reject);
    });
    expect(text).toContain("<Arn>arn:aws:iam::111111111111:user/alice</Arn>");
    expect(text).toMatch(/^<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
  });
});
