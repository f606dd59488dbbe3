import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ENTRIES } from "./harness";

// No AWS call: `list` reads the config files only.
const root = mkdtempSync(join(tmpdir(), "regional-sts-closed-pipe-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const profiles = Array.from(
  { length: 3000 },
  (_, i) => `[profile p${i}]\nregion = eu-west-1\nregional_sts_role_arn = arn:aws:iam::222222222222:role/r${i}\n`,
);
writeFileSync(join(root, "config"), profiles.join("\n"));
const env = { PATH: process.env.PATH, HOME: root, AWS_CONFIG_FILE: join(root, "config") };

/** Runs `list` as `regional-sts list | head -1` would: the reader closes the pipe after the first chunk. */
function listIntoClosedPipe(command: string): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ["list"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let first = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8");
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, first, stderr }));
  });
}

describe("a reader that closes the pipe early (regional-sts list | head)", () => {
  for (const [kind, [command]] of Object.entries(ENTRIES))
    it(`${kind}: no error, exit 0`, async () => {
      const result = await listIntoClosedPipe(command);
      expect(result.first).toMatch(/^PROFILE +SERVED/);
      expect(result).toMatchObject({ code: 0, stderr: "" });
    });
});
