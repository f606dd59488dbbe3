import { describe, expect, it } from "vitest";
import { browserCommand } from "../../src/console/browser";
import {
  consoleSessionSeconds,
  destinationUrl,
  isRoleChained,
  loginUrl,
  partitionConsole,
  signinTokenUrl,
} from "../../src/console/signin-url";

const chain = (fingerprint: string) => ({ profiles: ["p", "src"], fingerprint });

describe("console sign-in URLs", () => {
  it.each([
    [
      "aws",
      "ap-east-1",
      "signin.aws.amazon.com",
      "https://ap-east-1.console.aws.amazon.com/console/home?region=ap-east-1",
    ],
    [
      "aws",
      "us-east-1",
      "signin.aws.amazon.com",
      "https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1",
    ],
    ["aws-cn", "cn-north-1", "signin.amazonaws.cn", "https://console.amazonaws.cn/console/home?region=cn-north-1"],
    [
      "aws-us-gov",
      "us-gov-west-1",
      "signin.amazonaws-us-gov.com",
      "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1",
    ],
    [
      "aws-eusc",
      "eusc-de-east-1",
      "eusc-de-east-1.signin.amazonaws-eusc.eu",
      "https://console.amazonaws-eusc.eu/console/home?region=eusc-de-east-1",
    ],
  ])("%s %s: sign-in at %s, lands on %s", (partition, region, host, home) => {
    const p = partitionConsole(partition, "p");
    expect(p.signinHost(region)).toBe(host);
    expect(destinationUrl(p, region, undefined)).toBe(home);
  });

  it("refuses partitions without a public console", () => {
    expect(() => partitionConsole("aws-iso", "p")).toThrow(
      expect.objectContaining({
        message: "profile p: console sign-in is not available in partition aws-iso",
        hint: "use that partition's own sign-in page",
      }),
    );
  });

  it("--destination: a path of the region's console (region added), or a full https URL as given", () => {
    const aws = partitionConsole("aws", "p");
    expect(destinationUrl(aws, "ap-east-1", "/s3/buckets")).toBe(
      "https://ap-east-1.console.aws.amazon.com/s3/buckets?region=ap-east-1",
    );
    expect(destinationUrl(aws, "ap-east-1", "ec2/home?region=eu-west-1")).toBe(
      "https://ap-east-1.console.aws.amazon.com/ec2/home?region=eu-west-1",
    );
    expect(destinationUrl(aws, "ap-east-1", "https://example.console.aws.amazon.com/x")).toBe(
      "https://example.console.aws.amazon.com/x",
    );
  });

  it("SessionDuration: the role's duration for long-term keys, at most 12 hours; never for chained credentials", () => {
    expect(consoleSessionSeconds(false, 3600)).toBe(3600);
    expect(consoleSessionSeconds(false, 43200)).toBe(43200);
    expect(consoleSessionSeconds(false, 90000)).toBe(43200);
    expect(consoleSessionSeconds(true, 3600)).toBeUndefined();
  });

  it.each([
    ["static:AKIA1", {}, {}, false, false],
    ["static:AKIA1", { aws_session_token: "t" }, {}, false, true],
    ["static:AKIA1", {}, {}, true, true],
    ["env:AKIA1", undefined, {}, false, false],
    ["env:ASIA1", undefined, { AWS_SESSION_TOKEN: "t" }, false, true],
    ["role:arn:aws:iam::1:role/x|static:AKIA1", {}, {}, false, true],
    ["sso:s:1:r", {}, {}, false, true],
    ["process:get-creds", {}, {}, false, true],
    ["regional-sts:other", {}, {}, false, true],
    ["default-chain", undefined, {}, false, true],
  ])("source %s (section %j, env %j, MFA session %s): chained %s", (fingerprint, section, env, viaMfa, chained) => {
    expect(isRoleChained(chain(fingerprint), section, env, viaMfa)).toBe(chained);
  });

  it("getSigninToken carries the session as JSON; the login URL carries only the token", () => {
    const keys = { accessKeyId: "ASIA1", secretAccessKey: "s/+", sessionToken: "t=" };
    const url = new URL(signinTokenUrl("signin.aws.amazon.com", keys, 900));
    expect(url.origin + url.pathname).toBe("https://signin.aws.amazon.com/federation");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: "getSigninToken",
      SessionDuration: "900",
      Session: '{"sessionId":"ASIA1","sessionKey":"s/+","sessionToken":"t="}',
    });
    expect(new URL(signinTokenUrl("h", keys, undefined)).searchParams.has("SessionDuration")).toBe(false);
    const login = loginUrl("signin.aws.amazon.com", "https://d/x?region=r", "TOKEN");
    expect(login).toBe(
      "https://signin.aws.amazon.com/federation?Action=login&Issuer=regional-sts" +
        "&Destination=https%3A%2F%2Fd%2Fx%3Fregion%3Dr&SigninToken=TOKEN",
    );
  });

  it("opens the browser with xdg-open, open, or cmd's start", () => {
    expect(browserCommand("linux", "https://u?a&b")).toMatchObject({ file: "xdg-open", args: ["https://u?a&b"] });
    expect(browserCommand("darwin", "https://u")).toMatchObject({ file: "open", args: ["https://u"] });
    expect(browserCommand("win32", "https://u?a&b")).toMatchObject({
      file: "cmd.exe",
      args: ["/d", "/s", "/c", 'start "" "https://u?a&b"'],
      options: { windowsVerbatimArguments: true },
    });
  });
});
