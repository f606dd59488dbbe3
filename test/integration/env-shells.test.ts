import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EnvChange, type EnvFormat, formatEnv } from "../../src/output/shell";
import { HOSTILE_VALUES } from "../support/hostile-values";
import { needs } from "../support/tools";

/** Each shell evaluates the text exactly as the README tells its users to. */
const SHELLS: { shell: "bash" | "zsh" | "dash" | "fish"; format: EnvFormat; script: string }[] = [
  { shell: "bash", format: "sh", script: `eval "$(cat "$ENV_FILE")"; exec "$NODE" "$DUMP"` },
  { shell: "zsh", format: "sh", script: `eval "$(cat "$ENV_FILE")"; exec "$NODE" "$DUMP"` },
  { shell: "dash", format: "sh", script: `eval "$(cat "$ENV_FILE")"; exec "$NODE" "$DUMP"` },
  { shell: "fish", format: "fish", script: `cat $ENV_FILE | source; exec $NODE $DUMP` },
];
const hostile: EnvChange = {
  unset: ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"],
  set: HOSTILE_VALUES.map((v, i) => [`V${i}`, v]),
};
const names = [...hostile.set.map(([n]) => n), "AWS_PROFILE", "AWS_DEFAULT_PROFILE"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "regional-sts-shells-"));
  writeFileSync(
    join(dir, "dump.js"),
    `process.stdout.write(JSON.stringify(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null])))`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("env output evaluated by the real shell", () => {
  for (const { shell, format, script } of SHELLS) {
    needs(shell).it(
      `${shell} (--format ${format}) sets every hostile value exactly, runs nothing, and unsets the profile`,
      () => {
        const work = mkdtempSync(join(dir, `${shell}-`));
        const envFile = join(work, "env.txt");
        writeFileSync(envFile, formatEnv(hostile, format));
        const result = spawnSync(shell, ["-c", script], {
          cwd: work,
          encoding: "utf8",
          env: {
            PATH: process.env.PATH,
            HOME: work,
            ENV_FILE: envFile,
            NODE: process.execPath,
            DUMP: join(dir, "dump.js"),
            AWS_PROFILE: "old-profile",
            AWS_DEFAULT_PROFILE: "old-default",
          },
        });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual([
          ...hostile.set,
          ["AWS_PROFILE", null],
          ["AWS_DEFAULT_PROFILE", null],
        ]);
        expect(existsSync(join(work, "pwned"))).toBe(false);
      },
    );
  }
});

describe("env --format dotenv read by Node", () => {
  it("dotenv: Node's --env-file reads back every value without a quote, backslash or line break", () => {
    const plain = hostile.set.filter(([, v]) => !/['\\\r\n]/.test(v));
    const dir = mkdtempSync(join(tmpdir(), "regional-sts-dotenv-"));
    try {
      writeFileSync(join(dir, ".env"), formatEnv({ unset: [], set: plain }, "dotenv"));
      const names = plain.map(([n]) => n);
      const read = spawnSync(
        process.execPath,
        [
          `--env-file=${join(dir, ".env")}`,
          "-e",
          `process.stdout.write(JSON.stringify(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? ""])))`,
        ],
        {
          env: { PATH: process.env.PATH },
          encoding: "utf8",
        },
      );
      expect(read.stderr).toBe("");
      expect(JSON.parse(read.stdout)).toEqual(plain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
