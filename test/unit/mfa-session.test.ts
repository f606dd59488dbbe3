import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  clearMfaSessions,
  listMfaSessions,
  MFA_SESSION_FORMAT,
  type MfaSessionEntry,
  mfaSessionKey,
  readMfaSession,
  writeMfaSession,
} from "../../src/cache/mfa-session";
import type { LoadedConfig } from "../../src/config/load";
import { resolveSettings } from "../../src/config/settings";
import type { Settings } from "../../src/config/validate";
import { validateSettings } from "../../src/config/validate";
import { mfaSessionSource } from "../../src/credentials/mfa-session";

const settings = {
  profile: "p",
  mfaSerial: "arn:aws:iam::111111111111:mfa/alice",
  role: { partition: "aws" },
} as unknown as Settings;
const config = (profiles: Record<string, Record<string, string>>) =>
  ({ profiles, credentials: {} }) as unknown as LoadedConfig;
const chain = (fingerprint: string) => ({ profiles: ["p", "src"], fingerprint });

describe("MFA sessions", () => {
  it.each([
    ["static:AKIA1", {}, {}, "static:AKIA1"],
    ["static:AKIA1", { aws_session_token: "t" }, {}, undefined],
    ["env:AKIA1", {}, {}, "env:AKIA1"],
    ["env:ASIA1", {}, { AWS_SESSION_TOKEN: "t" }, undefined],
    ["role:arn:aws:iam::1:role/x|static:AKIA1", {}, {}, undefined],
    ["sso:s:1:r", {}, {}, undefined],
    ["process:x", {}, {}, undefined],
  ])("source %s (section %j, env %j): MFA session keyed on %s", (fingerprint, section, env, expected) => {
    expect(mfaSessionSource(settings, chain(fingerprint), config({ src: section }), env)).toBe(expected);
  });

  it("needs mfa_serial", () => {
    expect(
      mfaSessionSource({ ...settings, mfaSerial: undefined }, chain("static:AKIA1"), config({}), {}),
    ).toBeUndefined();
  });

  it("regional_sts_mfa_session_seconds: 12 hours by default, 900 to 129600 accepted, others refused by name", () => {
    const seconds = (value?: string) => {
      const section = { regional_sts_role_arn: "arn:aws:iam::222222222222:role/r", region: "ap-east-1" };
      const withValue = value === undefined ? section : { ...section, regional_sts_mfa_session_seconds: value };
      return validateSettings(resolveSettings("p", withValue, {}, {}), "s1").mfaSessionSeconds;
    };
    expect(seconds()).toBe(43200);
    expect(seconds("129600")).toBe(129600);
    expect(seconds(" 900 ")).toBe(900);
    for (const bad of ["899", "129601", "1h", "-5"]) {
      expect(() => seconds(bad)).toThrow(
        expect.objectContaining({
          message:
            `regional_sts_mfa_session_seconds in profile p: "${bad}" ` +
            "is not a whole number of seconds from 900 to 129600",
          hint: "use at most 36 hours, GetSessionToken's limit",
          code: "BadMfaSessionSeconds",
        }),
      );
    }
  });

  it("the key depends on partition, source identity and device only", () => {
    const base = { partition: "aws", sourceIdentity: "static:AKIA1", mfaSerial: "arn:aws:iam::1:mfa/a" };
    const key = mfaSessionKey(base);
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(mfaSessionKey({ ...base })).toBe(key);
    for (const change of [
      { partition: "aws-cn" },
      { sourceIdentity: "static:AKIA2" },
      { mfaSerial: "arn:aws:iam::1:mfa/b" },
    ]) {
      expect(mfaSessionKey({ ...base, ...change })).not.toBe(key);
    }
  });

  describe("files", () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const entry = (key: string, sourceProfile: string, expiration: string): MfaSessionEntry => ({
      format: MFA_SESSION_FORMAT,
      key,
      sourceProfile,
      mfaSerial: "arn:aws:iam::1:mfa/a",
      partition: "aws",
      stsRegion: "eu-west-1",
      createdAt: "2026-03-01T10:00:00.000Z",
      credentials: {
        accessKeyId: "ASIA1",
        secretAccessKey: "secret",
        sessionToken: "token",
        expiration,
        accountId: "1",
      },
    });

    it(
      "written private and atomic; read while more than 15 minutes are left; listed without secrets; " +
        "cleared per source profile",
      () => {
        dir = join(mkdtempSync(join(tmpdir(), "mfa-")), "cache");
        const now = Date.parse("2026-03-01T10:00:00Z");
        const a = mfaSessionKey({ partition: "aws", sourceIdentity: "static:A", mfaSerial: "s" });
        const b = mfaSessionKey({ partition: "aws", sourceIdentity: "static:B", mfaSerial: "s" });
        writeMfaSession(dir, entry(a, "alice", "2026-03-01T22:00:00Z"), process.getuid?.());
        writeMfaSession(dir, entry(b, "bob", "2026-03-01T10:14:00Z"), process.getuid?.());
        expect(statSync(join(dir, `mfa-${a}.json`)).mode & 0o777).toBe(0o600);
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        expect(readMfaSession(dir, a, now, process.getuid?.())?.credentials.accessKeyId).toBe("ASIA1");
        expect(readMfaSession(dir, b, now, process.getuid?.())).toBeUndefined();
        const listed = listMfaSessions(dir);
        expect(listed.map((s) => [s.sourceProfile, s.expiration])).toEqual([
          ["alice", "2026-03-01T22:00:00Z"],
          ["bob", "2026-03-01T10:14:00Z"],
        ]);
        expect(JSON.stringify(listed)).not.toMatch(/ASIA1|secret|token"/);
        expect(clearMfaSessions(dir, "bob")).toBe(1);
        expect(listMfaSessions(dir).map((s) => s.sourceProfile)).toEqual(["alice"]);
        expect(clearMfaSessions(dir, undefined)).toBe(1);
        expect(listMfaSessions(dir)).toEqual([]);
      },
    );
  });
});
