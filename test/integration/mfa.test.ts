import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainMfaRejection, makeMfaReader } from "../../src/credentials/mfa";
import { UserError } from "../../src/errors";

const SERIAL = "arn:aws:iam::111111111111:mfa/alice";
const killGroup = (pgid: number, signal: NodeJS.Signals) => process.kill(-pgid, signal);
const reader = makeMfaReader({ platform: process.platform, spawn, env: { PATH: process.env.PATH }, killGroup });
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
    await expect(ask("exit 4")).rejects.toMatchObject({
      message: "profile mfa-role: regional_sts_mfa_process exited with 4",
      hint: "fix the command",
    });
  });

  // Issue 12 item 8: `sleep 100; echo 123456` took 101 s (the shell was killed, its child was
  // not and held the pipe) and ended with "exited with a signal", holding the cache lock.
  it("a compound command past the limit: stopped, its whole process group killed, one line saying so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "regional-sts-mfa-"));
    const pidFile = join(dir, "pid");
    const slow = makeMfaReader({
      platform: process.platform,
      spawn,
      env: { PATH: process.env.PATH },
      killGroup,
      timeoutMs: 400,
    });
    const started = Date.now();
    const error = await slow({
      profile: "mfa-role",
      serial: SERIAL,
      process: `echo $$ > '${pidFile}'; sleep 100; echo 123456`,
    }).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(UserError);
    expect([(error as UserError).message, (error as UserError).hint]).toEqual([
      "profile mfa-role: regional_sts_mfa_process timed out: no code after 0.4 s, so it was stopped",
      "check the command prints the code on its own (run it in a shell)",
    ]);
    const group = Number(readFileSync(pidFile, "utf8"));
    await new Promise((done) => setTimeout(done, 200));
    expect(liveMembers(group)).toEqual([]); // sleep included (a dead one may linger as a zombie until reaped)
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("explainMfaRejection", () => {
  const error = (name: string, message: string) => Object.assign(new Error(message), { name });

  it("turns STS's refusal of the code into its own line", () => {
    const explained = explainMfaRejection(
      error("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. "),
      "mfa-role",
      SERIAL,
    );
    expect(explained?.message).toBe(
      `profile mfa-role: the MFA code for ${SERIAL} was not accepted ` +
        `(MultiFactorAuthentication failed with invalid MFA one time pass code.)`,
    );
    expect(explained?.hint).toBe("run again with the current code from the device");
    expect(explained?.exitCode).toBe(1);
  });

  it("leaves other AccessDenied errors to the general explanation", () => {
    expect(
      explainMfaRejection(
        error("AccessDenied", "User: x is not authorized to perform: sts:AssumeRole"),
        "mfa-role",
        SERIAL,
      ),
    ).toBeUndefined();
    expect(explainMfaRejection(error("ExpiredToken", "MultiFactorAuthentication"), "mfa-role", SERIAL)).toBeUndefined();
  });
});

/** Processes of a process group that are still running (Linux /proc; zombies do not count). */
function liveMembers(pgid: number): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(pgrp) === pgid && state !== "Z"
          ? [`${pid} ${stat.slice(stat.indexOf("("), stat.lastIndexOf(")") + 1)} ${state}`]
          : [];
      } catch {
        return [];
      }
    });
}
