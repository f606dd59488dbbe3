import { request } from "node:https";
import { AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { type FakeAws, SEED } from "../support/fake-aws/index.js";
import { agentFor, errorOf, type KeyPair, stsClientVia, useFakeAws } from "./clients.js";

let fake: FakeAws;
useFakeAws((f) => (fake = f));

const keysOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): KeyPair => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

async function assume(creds: KeyPair, roleArn: string = SEED.roleKatoaki): Promise<KeyPair> {
  const sts = stsClientVia(fake, { region: "eu-west-1", credentials: creds });
  return keysOf((await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test" }))).Credentials);
}

/** GET https://signin.aws.amazon.com/federation?... through the stand-in's proxy. */
function signin(query: Record<string, string>): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((done, fail) => {
    const req = request(
      `https://signin.aws.amazon.com/federation?${new URLSearchParams(query).toString()}`,
      { agent: agentFor(fake) },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            body,
            ...(res.headers.location ? { location: res.headers.location } : {}),
          }),
        );
      },
    );
    req.on("error", fail);
    req.end();
  });
}

const session = (k: KeyPair) =>
  JSON.stringify({ sessionId: k.accessKeyId, sessionKey: k.secretAccessKey, sessionToken: k.sessionToken });

describe("federation endpoint", () => {
  it(
    "getSigninToken with SessionDuration for a role assumed with long-term keys; " +
      "login redirects to the destination",
    async () => {
      const role = await assume(SEED.alice);
      const answer = await signin({ Action: "getSigninToken", SessionDuration: "43200", Session: session(role) });
      expect(answer.status).toBe(200);
      const token = (JSON.parse(answer.body) as { SigninToken: string }).SigninToken;
      const login = await signin({
        Action: "login",
        Issuer: "x",
        Destination: "https://ap-east-1.console.aws.amazon.com/",
        SigninToken: token,
      });
      expect([login.status, login.location]).toEqual([302, "https://ap-east-1.console.aws.amazon.com/"]);
      expect((await signin({ Action: "login", Destination: "https://d/", SigninToken: "forged" })).status).toBe(400);
    },
  );

  it(
    "refuses SessionDuration for role-chained credentials and for roles assumed with a GetSessionToken session " +
      "(400), accepts them without it",
    async () => {
      const chained = await assume(await assume(SEED.alice));
      const sts = stsClientVia(fake, { region: "eu-west-1", credentials: SEED.alice });
      const mfaSession = keysOf(
        (await sts.send(new GetSessionTokenCommand({ SerialNumber: SEED.mfaSerial, TokenCode: SEED.mfaCode })))
          .Credentials,
      );
      const viaSession = await assume(mfaSession, SEED.roleMfaAdmin);
      for (const creds of [chained, viaSession]) {
        expect(await signin({ Action: "getSigninToken", SessionDuration: "3600", Session: session(creds) })).toEqual({
          status: 400,
          body: "SessionDuration is not allowed for role-chained credentials\n",
        });
        expect((await signin({ Action: "getSigninToken", Session: session(creds) })).status).toBe(200);
      }
      // The keys must match what was issued.
      expect(
        (await signin({ Action: "getSigninToken", Session: session({ ...chained, secretAccessKey: "wrong" }) })).status,
      ).toBe(400);
    },
  );
});

describe("GetSessionToken", () => {
  it(
    "with a code: a user session carrying MFA context, good for MFA-protected roles without another code; " +
      "36 hours at most",
    async () => {
      const sts = stsClientVia(fake, { region: "eu-west-1", credentials: SEED.alice });
      const answer = await sts.send(
        new GetSessionTokenCommand({ SerialNumber: SEED.mfaSerial, TokenCode: SEED.mfaCode, DurationSeconds: 129600 }),
      );
      expect(answer.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(129600_000 - 60_000);
      const session = keysOf(answer.Credentials);
      await expect(assume(session, SEED.roleMfaAdmin)).resolves.toMatchObject({
        accessKeyId: expect.stringMatching(/^ASIA/),
      });
      const tooLong = await errorOf(sts.send(new GetSessionTokenCommand({ DurationSeconds: 129601 })));
      expect(tooLong.name).toBe("ValidationError");
    },
  );

  it(
    "without a code the session does not satisfy an MFA trust policy; session credentials cannot call it; " +
      "a wrong code is refused",
    async () => {
      const sts = stsClientVia(fake, { region: "eu-west-1", credentials: SEED.alice });
      const plain = keysOf((await sts.send(new GetSessionTokenCommand({}))).Credentials);
      expect((await errorOf(assume(plain, SEED.roleMfaAdmin))).name).toBe("AccessDenied");
      const again = await errorOf(
        stsClientVia(fake, { region: "eu-west-1", credentials: plain }).send(new GetSessionTokenCommand({})),
      );
      expect([again.name, again.message]).toEqual([
        "AccessDenied",
        "Cannot call GetSessionToken with session credentials",
      ]);
      const wrong = await errorOf(
        sts.send(new GetSessionTokenCommand({ SerialNumber: SEED.mfaSerial, TokenCode: "000000" })),
      );
      expect(wrong.message).toMatch(/^MultiFactorAuthentication failed/);
    },
  );
});
