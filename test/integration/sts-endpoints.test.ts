import { Readable } from "node:stream";
import { type HttpRequest, HttpResponse } from "@smithy/core/protocols";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { describe, expect, it } from "vitest";
import { makeAssumeRoleAt } from "../../src/credentials/sts";

/** A transport that records each request and answers like STS, so the SDK's real endpoint rules run. */
function recordingHandler(hosts: string[]): NodeHttpHandler {
  const body = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>
<SessionToken>token</SessionToken>
<Expiration>2030-01-01T00:00:00.123Z</Expiration></Credentials>
<AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId>
<Arn>arn:aws:sts::222222222222:assumed-role/r/s</Arn></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  return {
    handle: async (request: HttpRequest) => {
      hosts.push(request.hostname);
      return { response: new HttpResponse({ statusCode: 200, headers: {}, body: Readable.from([Buffer.from(body)]) }) };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  } as unknown as NodeHttpHandler;
}

async function hostFor(region: string, fips = false, dualstack = false, endpoint?: string): Promise<string> {
  const hosts: string[] = [];
  const assumeAt = makeAssumeRoleAt({
    source: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" }),
    requestHandler: recordingHandler(hosts),
    useFipsEndpoint: fips,
    useDualstackEndpoint: dualstack,
    profile: "test-profile-that-does-not-exist",
    ...(endpoint ? { endpoint } : {}),
  });
  const result = await assumeAt(region, {
    roleArn: "arn:aws:iam::222222222222:role/r",
    roleSessionName: "s",
    durationSeconds: 3600,
  });
  expect(result.host).toBe(hosts[0]);
  expect(result.credentials).toEqual({
    accessKeyId: "ASIAEXAMPLE",
    secretAccessKey: "secret",
    sessionToken: "token",
    expiration: "2030-01-01T00:00:00Z",
    accountId: "222222222222",
  });
  return hosts[0]!;
}

describe("STS host names come from the SDK's endpoint rules", () => {
  it.each([
    ["us-east-1", false, false, "sts.us-east-1.amazonaws.com"],
    ["ap-east-1", false, false, "sts.ap-east-1.amazonaws.com"],
    ["eu-west-1", true, false, "sts-fips.eu-west-1.amazonaws.com"],
    ["ap-east-1", false, true, "sts.ap-east-1.api.aws"],
    ["us-east-1", true, true, "sts-fips.us-east-1.api.aws"],
    ["cn-north-1", false, false, "sts.cn-north-1.amazonaws.com.cn"],
    ["cn-northwest-1", false, true, "sts.cn-northwest-1.api.amazonwebservices.com.cn"],
    ["us-gov-west-1", false, false, "sts.us-gov-west-1.amazonaws.com"],
    ["us-iso-east-1", false, false, "sts.us-iso-east-1.c2s.ic.gov"],
    ["us-isob-east-1", false, false, "sts.us-isob-east-1.sc2s.sgov.gov"],
  ])("%s (fips %s, dual-stack %s) -> %s", async (region, fips, dualstack, host) => {
    expect(await hostFor(region, fips, dualstack)).toBe(host);
  });

  it("never the global endpoint, even with AWS_STS_REGIONAL_ENDPOINTS=legacy", async () => {
    const saved = process.env.AWS_STS_REGIONAL_ENDPOINTS;
    process.env.AWS_STS_REGIONAL_ENDPOINTS = "legacy";
    try {
      expect(await hostFor("us-east-1")).toBe("sts.us-east-1.amazonaws.com");
      expect(await hostFor("eu-west-1")).toBe("sts.eu-west-1.amazonaws.com");
    } finally {
      if (saved === undefined) delete process.env.AWS_STS_REGIONAL_ENDPOINTS;
      else process.env.AWS_STS_REGIONAL_ENDPOINTS = saved;
    }
  });

  // Issue 12 item 1: config/sts-endpoint.ts decides the endpoint (it is in the cache key); the
  // SDK's own lookup must not pick another one behind the key's back.
  it("the configured endpoint regional-sts passes is the host called; the SDK's own lookup is off", async () => {
    process.env.AWS_ENDPOINT_URL_STS = "https://sts.sdk-lookup.example";
    try {
      expect(await hostFor("ap-east-1", false, false, "https://sts.internal.example")).toBe("sts.internal.example");
      expect(await hostFor("ap-east-1")).toBe("sts.ap-east-1.amazonaws.com");
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
  });
});
