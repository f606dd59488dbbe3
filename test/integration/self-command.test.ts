import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { credentialProcessProgram, shellWord } from "../../src/config/self-command";
import { needs } from "../support/tools";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "regional-sts-self-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function executable(path: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

describe("the program configure writes into credential_process", () => {
  it("is the bare name when PATH finds this very program under it (directly or through a link)", () => {
    const real = executable(join(root, "versions/1.2.3/regional-sts"));
    symlinkSync(real, join(root, "regional-sts-link"));
    mkdirSync(join(root, "bin"));
    symlinkSync(real, join(root, "bin/regional-sts"));
    const PATH = `/nonexistent:${join(root, "bin")}:/usr/bin`;
    expect(credentialProcessProgram({ program: join(root, "bin/regional-sts") }, { PATH })).toBe("regional-sts");
    expect(credentialProcessProgram({ program: real }, { PATH })).toBe("regional-sts");
    expect(credentialProcessProgram({ program: "regional-sts" }, { PATH })).toBe("regional-sts");
  });

  it("is the path it was started by, not resolved through links, when PATH finds nothing or another program", () => {
    const real = executable(join(root, "versions/1.2.3/regional-sts"));
    const link = join(root, "opt/bin/regional-sts");
    mkdirSync(join(root, "opt/bin"), { recursive: true });
    symlinkSync(real, link);
    expect(credentialProcessProgram({ program: link }, { PATH: "/usr/bin" })).toBe(link);
    const other = executable(join(root, "other/regional-sts"));
    expect(credentialProcessProgram({ program: link }, { PATH: join(root, "other") })).toBe(link);
    expect(credentialProcessProgram({ program: other }, { PATH: join(root, "other") })).toBe("regional-sts");
    // A relative PATH entry would tie the line to the caller's working folder: never used.
    expect(credentialProcessProgram({ program: link }, { PATH: "." })).toBe(link);
  });

  it("is node and the script when Node ran the script directly", () => {
    expect(
      credentialProcessProgram({ program: "/usr/bin/node", script: "/src/dist/main.js" }, { PATH: "/usr/bin" }),
    ).toBe("/usr/bin/node /src/dist/main.js");
  });
});

const HOSTILE = [
  "/opt/regional-sts",
  "/Users/Jane Doe/bin/regional-sts",
  `/tmp/it's "quoted"/regional-sts`,
  "/tmp/$HOME/${PATH}/`id`/regional-sts",
  `/tmp/back\\slash/\\$x/regional-sts`,
  "/tmp/a'b'c/'/regional-sts",
  "/tmp/~tilde/*glob?/[x]/!bang/regional-sts",
  "/tmp/semi;colon&amp|pipe>gt<lt/regional-sts",
];

needs("python3").describe("shellWord", () => {
  const lines = HOSTILE.map((path) => `${shellWord(path)} credential-process --profile hk`);
  let shlexWords: string[][] = [];
  beforeAll(() => {
    // One Python start for every line (each costs more than a second through pyenv's shim).
    const out = execFileSync(
      "python3",
      ["-c", "import json, shlex, sys; print(json.dumps([shlex.split(a) for a in sys.argv[1:]]))", ...lines],
      { encoding: "utf8" },
    );
    shlexWords = JSON.parse(out) as string[][];
  });
  // sh -c is how the JS SDK (child_process.exec) and the Go SDK (processcreds) run the line;
  // shlex.split is how botocore (the AWS CLI, boto3) splits it.
  it.each(HOSTILE.map((path, i) => [path, i] as const))(
    "sh and Python's shlex both read %s back as one word",
    (path, i) => {
      const line = lines[i]!;
      const sh = execFileSync("sh", ["-c", `printf '%s\\n' ${line}`], {
        encoding: "utf8",
        env: { PATH: "/usr/bin:/bin", HOME: "/home/x" },
      });
      expect(sh).toBe(`${path}\ncredential-process\n--profile\nhk\n`);
      expect(shlexWords[i]).toEqual([path, "credential-process", "--profile", "hk"]);
    },
  );

  it("leaves a plain path bare and single-quotes the rest", () => {
    expect(shellWord("/usr/local/bin/regional-sts")).toBe("/usr/local/bin/regional-sts");
    expect(shellWord("/Users/Jane Doe/regional-sts")).toBe("'/Users/Jane Doe/regional-sts'");
    expect(shellWord(`/tmp/it's/$x`)).toBe(`'/tmp/it'\\''s/$x'`);
  });
});
