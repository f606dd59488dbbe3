import { AssumeRoleCommand, GetCallerIdentityCommand, STSServiceException } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { type FakeAws, SEED, tokenVersionOf } from "../support/fake-aws/index.js";
import { errorCodeOf, errorOf, type KeyPair, stsClientVia, useFakeAws } from "./clients.js";

let fake: FakeAws;
useFakeAws((f) => (fake = f));

async function assume(
  region: string,
  creds: KeyPair,
  input: Partial<AssumeRoleCommand["input"]> = {},
  global = false,
): Promise<KeyPair> {
  const sts = stsClientVia(fake, { region, credentials: creds, global });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: SEED.roleKatoaki, RoleSessionName: "test", ...input }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("no credentials");
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

const whoAmI = (region: string, creds: KeyPair) =>
  stsClientVia(fake, { region, credentials: creds }).send(new GetCallerIdentityCommand({}));

describe("token versions and opt-in regions", () => {
  it("issues version 1 tokens at the global endpoint and version 2 at regional ones", async () => {
    const v1 = await assume("us-east-1", SEED.alice, {}, true);
    const v2 = await assume("ap-northeast-1", SEED.alice);
    expect(tokenVersionOf(v1.sessionToken ?? "")).toBe(1);
    expect(tokenVersionOf(v2.sessionToken ?? "")).toBe(2);
    expect(v2.sessionToken?.length).toBeGreaterThan((v1.sessionToken?.length ?? 0) + 300);
    expect(v1.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(fake.log.map((e) => [e.host, e.connectHost, e.issuedTokenVersion])).toEqual([
      ["sts.amazonaws.com", "sts.amazonaws.com", 1],
      ["sts.ap-northeast-1.amazonaws.com", "sts.ap-northeast-1.amazonaws.com", 2],
    ]);
    expect(fake.assumeRoleCount({ host: "sts.amazonaws.com" })).toBe(1);
  });

  it("lets an account with GlobalEndpointTokenVersion 2 get version 2 tokens globally", async () => {
    const creds = await assume("us-east-1", SEED.dave, {}, true);
    expect(tokenVersionOf(creds.sessionToken ?? "")).toBe(2);
  });

  it("refuses version 1 tokens in an opt-in region and accepts version 2 ones", async () => {
    const v1 = await assume("us-east-1", SEED.alice, {}, true);
    expect(await errorCodeOf(whoAmI("ap-east-1", v1))).toBe("InvalidClientTokenId");
    const v2 = await assume("ap-northeast-1", SEED.alice);
    const id = await whoAmI("ap-east-1", v2);
    expect(id.Arn).toBe("arn:aws:sts::222222222222:assumed-role/katoaki/test");
    expect(id.Account).toBe(SEED.accountB);
  });

  it("refuses callers whose account has not enabled the opt-in region at sts.<region>", async () => {
    const err = await errorOf(assume("ap-east-1", SEED.alice));
    expect(err).toBeInstanceOf(STSServiceException);
    expect(err.name).toBe("InvalidClientTokenId");
    expect(err.message).toBe("The security token included in the request is invalid.");
    expect(err.$metadata?.httpStatusCode).toBe(403);
    const creds = await assume("ap-east-1", SEED.carol);
    expect(tokenVersionOf(creds.sessionToken ?? "")).toBe(2);
    expect(fake.counts().assumeRoleHosts).toEqual({ "sts.ap-east-1.amazonaws.com": 2 });
  });

  it("answers RegionDisabledException where STS is deactivated for the role account", async () => {
    const err = await errorOf(assume("sa-east-1", SEED.alice));
    expect(err.name).toBe("RegionDisabledException");
    expect(err.message).toBe(
      "STS is not activated in this region for account:222222222222. " +
        "Your account administrator can activate STS in this region using the IAM Console.",
    );
  });
});

describe("authentication errors", () => {
  it("rejects an unknown access key, a wrong secret and an expired session", async () => {
    const unknown = { accessKeyId: "AKIANOTKNOWN00000000", secretAccessKey: "x" };
    expect(await errorCodeOf(whoAmI("us-east-1", unknown))).toBe("InvalidClientTokenId");
    const wrong = { ...SEED.alice, secretAccessKey: "not-the-secret" };
    expect(await errorCodeOf(whoAmI("us-east-1", wrong))).toBe("SignatureDoesNotMatch");
    const creds = await assume("us-east-1", SEED.alice);
    expect(fake.expireCredentials(creds.accessKeyId)).toBe(1);
    expect(await errorCodeOf(whoAmI("us-east-1", creds))).toBe("ExpiredToken");
    // Another session's key id with this session's token: the token does not belong to the key.
    const forged = { ...creds, accessKeyId: (await assume("us-east-1", SEED.alice)).accessKeyId };
    expect(await errorCodeOf(whoAmI("us-east-1", forged))).toBe("InvalidClientTokenId");
    expect(fake.log.map((e) => e.errorCode ?? e.status)).toEqual([
      "InvalidClientTokenId",
      "SignatureDoesNotMatch",
      200,
      "ExpiredToken",
      200,
      "InvalidClientTokenId",
    ]);
  });

  it('reports "Signature expired" when the clocks disagree by more than 15 minutes', async () => {
    fake.setClockOffsetMs(20 * 60_000);
    const err = await errorOf(whoAmI("eu-west-1", SEED.alice));
    expect(err.name).toBe("SignatureDoesNotMatch");
    expect(err.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  it("sends a Date header the SDK uses to correct its clock on retry", async () => {
    fake.setClockOffsetMs(-20 * 60_000);
    const sts = stsClientVia(fake, { region: "eu-west-1", credentials: SEED.alice, maxAttempts: 2 });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });
});

describe("AssumeRole policy checks", () => {
  it("denies untrusted callers with the STS message", async () => {
    fake.addRole({ arn: "arn:aws:iam::222222222222:role/closed", trustedAccounts: [SEED.accountC] });
    const err = await errorOf(assume("us-east-1", SEED.alice, { RoleArn: "arn:aws:iam::222222222222:role/closed" }));
    expect(err.name).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: " +
        "sts:AssumeRole on resource: arn:aws:iam::222222222222:role/closed",
    );
  });

  it("checks DurationSeconds, session name, external id and MFA", async () => {
    const code = (input: Partial<AssumeRoleCommand["input"]>) => errorCodeOf(assume("us-east-1", SEED.alice, input));
    const tooLong = await errorOf(assume("us-east-1", SEED.alice, { DurationSeconds: 7200 }));
    expect([tooLong.name, tooLong.message]).toEqual([
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    ]);
    await expect(
      assume("us-east-1", SEED.alice, { RoleArn: SEED.roleLong, DurationSeconds: 43200 }),
    ).resolves.toBeDefined();
    const badName = await errorOf(assume("us-east-1", SEED.alice, { RoleSessionName: "has space" }));
    expect(badName.message).toBe(
      "1 validation error detected: Value 'has space' at 'roleSessionName' failed to " +
        "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect(await code({ RoleArn: SEED.roleExternal })).toBe("AccessDenied");
    await expect(
      assume("us-east-1", SEED.alice, { RoleArn: SEED.roleExternal, ExternalId: SEED.externalId }),
    ).resolves.toBeDefined();
    expect(await code({ RoleArn: SEED.roleMfaAdmin })).toBe("AccessDenied");
    expect(await code({ RoleArn: SEED.roleMfaAdmin, SerialNumber: SEED.mfaSerial, TokenCode: "000000" })).toBe(
      "AccessDenied",
    );
    fake.setMfaCode(SEED.mfaSerial, "654321");
    await expect(
      assume("us-east-1", SEED.alice, {
        RoleArn: SEED.roleMfaAdmin,
        SerialNumber: SEED.mfaSerial,
        TokenCode: "654321",
      }),
    ).resolves.toBeDefined();
    expect(fake.log.filter((e) => e.mfaUsed).map((e) => e.status)).toEqual([403, 200]);
  });

  it("serves the China partition at its own host names", async () => {
    const creds = await assume("cn-north-1", SEED.chen, { RoleArn: SEED.roleCn });
    const id = await whoAmI("cn-north-1", creds);
    expect(id.Arn).toBe("arn:aws-cn:sts::555555555555:assumed-role/cn-deployer/test");
    expect(fake.log.map((e) => e.host)).toEqual(["sts.cn-north-1.amazonaws.com.cn", "sts.cn-north-1.amazonaws.com.cn"]);
    expect(await errorCodeOf(whoAmI("cn-north-1", SEED.alice))).toBe("InvalidClientTokenId");
  });
});
