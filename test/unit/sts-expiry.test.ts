import { describe, expect, it } from "vitest";
import { credentialsFrom } from "../../src/credentials/sts";

const answer = {
  AccessKeyId: "ASIAEXAMPLE",
  SecretAccessKey: "secret",
  SessionToken: "token",
  Expiration: new Date("2026-12-04T22:32:35Z"),
};

function expiryWith(systemClockOffset: number | undefined): string {
  return credentialsFrom(answer, "sts.ap-east-1.amazonaws.com", { config: { systemClockOffset } }, "222222222222")
    .expiration;
}

describe("credentialsFrom: the expiry in this machine's time", () => {
  it.each([
    ["no offset measured", undefined, "2026-12-04T22:32:35Z"],
    ["clocks agree", 0, "2026-12-04T22:32:35Z"],
    // A whole-second Date header read after a slow round trip: noise, never a later expiry.
    ["1.7 s of Date-header noise", -1_700, "2026-12-04T22:32:35Z"],
    ["59 s behind", -59_000, "2026-12-04T22:32:35Z"],
    ["59 s ahead", 59_000, "2026-12-04T22:32:35Z"],
    // Real skew: AWS's clock 2 hours ahead of ours, so the expiry is 2 hours earlier here.
    ["AWS 2 hours ahead", 7_200_000, "2026-12-04T20:32:35Z"],
    ["AWS 2 hours behind", -7_200_000, "2026-12-05T00:32:35Z"],
    ["AWS 1 minute behind", -60_000, "2026-12-04T22:33:35Z"],
  ])("%s (systemClockOffset %s)", (_, offset, expected) => {
    expect(expiryWith(offset)).toBe(expected);
  });

  it("refuses an answer without credentials, naming the host", () => {
    expect(() => credentialsFrom(undefined, "sts.us-east-1.amazonaws.com", { config: {} }, "")).toThrow(
      "STS at sts.us-east-1.amazonaws.com returned no credentials",
    );
  });
});
