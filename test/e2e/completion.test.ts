import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { needs } from "../support/tools";
import { ENTRIES } from "./harness";

// No AWS call here: the shells complete from the config files through the built binary.
const root = mkdtempSync(join(tmpdir(), "regional-sts-completion-"));
const bin = join(root, "bin");
mkdirSync(bin);
symlinkSync(ENTRIES.binary[0], join(bin, "regional-sts"));
writeFileSync(
  join(root, "config"),
  "[profile hk-role]\nregion = ap-east-1\n[profile account-a]\nregion = us-east-1\n[sso-session corp]\n" +
    "sso_region = eu-west-1\n",
);
writeFileSync(join(root, "credentials"), "[creds-only]\naws_access_key_id = AKIAEXAMPLE\n");
const env = {
  PATH: `${bin}:${process.env.PATH}`,
  HOME: root,
  AWS_CONFIG_FILE: join(root, "config"),
  AWS_SHARED_CREDENTIALS_FILE: join(root, "credentials"),
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (command: string, args: string[]) => spawnSync(command, args, { env, encoding: "utf8" });

const CASES: [line: string, expected: string[]][] = [
  ["regional-sts exec hk", ["hk-role"]],
  ["regional-sts ex", ["exec"]],
  ["regional-sts exec --pro", ["--profile"]],
  ["regional-sts env --profile a", ["account-a"]],
  ["regional-sts cache clear c", ["creds-only"]],
  ["regional-sts cache c", ["clear"]],
  ["regional-sts env --format po", ["powershell"]],
  ["regional-sts doctor --region ap-ea", ["ap-east-1", "ap-east-2"]],
  ["regional-sts exec hk-role --allow", ["--allow-nested"]],
  ["regional-sts refresh a", ["account-a"]],
  ["regional-sts help com", ["completion"]],
];

describe("shell completion", () => {
  it("completion --profiles lists the profiles of both files, one a line", () => {
    expect(run("regional-sts", ["completion", "--profiles"])).toMatchObject({
      status: 0,
      stdout: "hk-role\naccount-a\ncreds-only\n",
      stderr: "",
    });
  });

  it.each(CASES)(`bash completes "%s"`, (line, expected) => {
    const words = line.split(" ");
    const script = `eval "$(regional-sts completion bash)"
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}
_regional_sts regional-sts '${words.at(-1)}' '${words.at(-2)}'
printf '%s\\n' "\${COMPREPLY[@]}"`;
    expect(run("bash", ["--norc", "-c", script])).toMatchObject({
      status: 0,
      stdout: `${expected.join("\n")}\n`,
      stderr: "",
    });
  });

  for (const [line, expected] of CASES)
    needs("fish").it(`fish completes "${line}"`, () => {
      const result = run("fish", [
        "--no-config",
        "-c",
        `regional-sts completion fish | source; complete -C '${line}' | cut -f1`,
      ]);
      expect(result).toMatchObject({ status: 0, stderr: "" });
      expect(result.stdout.trim().split("\n").sort()).toEqual([...expected].sort());
    });

  needs("zsh").it("zsh loads its script without error", () => {
    expect(run("zsh", ["-f", "-c", `eval "$(regional-sts completion zsh)" && whence -w _regional_sts`])).toMatchObject({
      status: 0,
      stdout: "_regional_sts: function\n",
    });
  });

  needs("pwsh").it(`PowerShell completes "regional-sts exec hk"`, () => {
    const script =
      "regional-sts completion powershell | Out-String | Invoke-Expression; " +
      "(TabExpansion2 'regional-sts exec hk' 20).CompletionMatches.CompletionText";
    expect(run("pwsh", ["-NoProfile", "-Command", script])).toMatchObject({ status: 0, stdout: "hk-role\n" });
  });

  it("an unknown shell is a command-line error", () => {
    expect(run("regional-sts", ["completion", "tcsh"])).toMatchObject({
      status: 2,
      stdout: "",
      stderr: "regional-sts: completion: unknown shell tcsh; name one: bash, zsh, fish, powershell\n",
    });
  });
});
