import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { explainMfaRejection, makeMfaReader } from "../../src/credentials/mfa";

const SERIAL = "arn:aws:iam::111111111111:mfa/alice";
const reader = makeMfaReader({ platform: process.platform, spawn, env: { PATH: process.env.PATH } });
const ask = (command: string) => reader({ profile: "mfa-role", serial: SERIAL, process: command });

describe("regional_sts_mfa_process", () => {
  it("takes the code from the command's stdout, surrounding white space removed", async () => {
    await expect(ask("printf ' 123456\\n'")).resolves.toBe("123456");
  });

  it("runs the line through the shell, so a password manager pipeline works", async () => {
    await expect(ask("echo 'code: 654321' | cut -d' ' -f2")).resolves.toBe("654321");
  });

  it("refuses anything but six digits, without echoing it", async () => {
    await expect(ask("printf 12345")).rejects.toThrow(`profile mfa-role: the MFA code for ${SERIAL} must be 6 digits`);
    await expect(ask("printf 'abcdef'")).rejects.toThrow(/^profile mfa-role: the MFA code for \S+ must be 6 digits$/);
  });

  it("names a command that fails", async () => {
    await expect(ask("exit 4")).rejects.toThrow("profile mfa-role: regional_sts_mfa_process exited with 4; fix the command");
  });
});

describe("explainMfaRejection", () => {
  const error = (name: string, message: string) => Object.assign(new Error(message), { name });

  it("turns STS's refusal of the code into its own line", () => {
    const explained = explainMfaRejection(error("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. "), "mfa-role", SERIAL);
    expect(explained?.message).toBe(`profile mfa-role: the MFA code for ${SERIAL} was not accepted (MultiFactorAuthentication failed with invalid MFA one time pass code.); run again with the current code from the device`);
    expect(explained?.exitCode).toBe(1);
  });

  it("leaves other AccessDenied errors to the general explanation", () => {
    expect(explainMfaRejection(error("AccessDenied", "User: x is not authorized to perform: sts:AssumeRole"), "mfa-role", SERIAL)).toBeUndefined();
    expect(explainMfaRejection(error("ExpiredToken", "MultiFactorAuthentication"), "mfa-role", SERIAL)).toBeUndefined();
  });
});
