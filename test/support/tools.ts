import { spawnSync } from "node:child_process";
import { accessSync, appendFileSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, it, type TestContext } from "vitest";

/**
 * Tools outside Node that some tests drive. A test that needs one goes through `needs(...)`: when
 * the tool is missing it is skipped with a sentence naming the tool, recorded for the run's
 * closing "missing tools" line (scripts/test.mjs), and, under REGIONAL_STS_REQUIRE_ALL_TOOLS=1
 * (set by .ci/run), failed instead, so CI still covers everything.
 */
export const TOOLS = {
  bash: "the bash shell (Debian package bash)",
  zsh: "the zsh shell (Debian package zsh)",
  fish: "the fish shell (Debian package fish)",
  dash: "the dash shell (Debian package dash)",
  script: "util-linux's script, for a pseudo-terminal (Debian package bsdutils)",
  setsid: "util-linux's setsid (Debian package util-linux)",
  valgrind: "valgrind (Debian package valgrind)",
  aws: "the AWS CLI (pip install awscli)",
  python3: "python3 (Debian package python3)",
  boto3: "boto3 for python3 (pip install boto3)",
  pwsh: "PowerShell 7 (only from Microsoft's own packages: not in Debian, not on the npm registry)",
} as const;
export type Tool = keyof typeof TOOLS;

/**
 * Tools that .ci/run cannot install, because no registry it reaches has them: their skips stay
 * skips under REGIONAL_STS_REQUIRE_ALL_TOOLS=1 and are still named in the run's closing line.
 */
export const NOT_INSTALLABLE: readonly Tool[] = ["pwsh"];

export const REQUIRE_ALL_TOOLS_ENV = "REGIONAL_STS_REQUIRE_ALL_TOOLS";
/** Where skips are recorded (one JSON line each), for the closing line; set by the global setup or scripts/test.mjs. */
export const SKIP_DIR_ENV = "REGIONAL_STS_TEST_SKIP_DIR";
/** The global setup probes every tool once and hands the answer to the workers in this variable. */
export const PRESENT_ENV = "REGIONAL_STS_TOOLS_PRESENT";

/** An executable file of that name on PATH. */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || ".", command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether `tool` works here. `aws` is run, not just found: a pyenv shim exists for a CLI that another Python has. */
export function probe(tool: Tool): boolean {
  const runs = (command: string, args: string[]) =>
    spawnSync(command, args, { stdio: "ignore", timeout: 30_000 }).status === 0;
  if (tool === "aws") return onPath("aws") && runs("aws", ["--version"]);
  if (tool === "boto3") return onPath("python3") && runs("python3", ["-c", "import boto3"]);
  return onPath(tool);
}

const known = new Map<Tool, boolean>();
/** Whether `tool` is present: the global setup's answer when there is one, else probed once per process. */
export function has(tool: Tool): boolean {
  const given = process.env[PRESENT_ENV];
  if (given !== undefined) return (JSON.parse(given) as Tool[]).includes(tool);
  if (!known.has(tool)) known.set(tool, probe(tool));
  return known.get(tool)!;
}

/**
 * A spawn's error as a test reports it: ENOENT becomes one sentence naming the program, for a test
 * that runs a tool without asking for it through needs() (issue 11: never a bare spawn error).
 */
export function spawnError(command: string, err: NodeJS.ErrnoException): Error {
  return err.code === "ENOENT"
    ? new Error(
        `${command} is not installed (not found on PATH): ` +
          `install it, or mark the test with needs() from test/support/tools.ts`,
      )
    : err;
}

/** "zsh is not installed (the zsh shell (Debian package zsh))", one clause per missing tool. */
export function missingSentence(tools: readonly Tool[]): string {
  return tools.map((t) => `${t} is not installed: ${TOOLS[t]}`).join("; ");
}

function skipFor(tools: Tool[], context: TestContext): never {
  const reason = missingSentence(tools);
  if (process.env[REQUIRE_ALL_TOOLS_ENV] === "1" && tools.some((t) => !NOT_INSTALLABLE.includes(t))) {
    throw new Error(`${reason} (${REQUIRE_ALL_TOOLS_ENV}=1 makes a missing tool a failure)`);
  }
  const dir = process.env[SKIP_DIR_ENV];
  const names: string[] = [];
  for (let t: { name: string; suite?: { name: string } | undefined } | undefined = context.task; t; t = t.suite)
    if (t.name) names.unshift(t.name);
  const test = names.join(" > ");
  if (dir) appendFileSync(join(dir, `skips-${process.pid}.jsonl`), `${JSON.stringify({ tools, test })}\n`);
  return context.skip(reason);
}

type TestFn = (context: TestContext) => unknown;

/**
 * `needs("zsh").it(name, fn)`: runs when every named tool is present, else skips with the reason.
 * `needs("aws").describe(name, fn)`: the same for a whole block (one skipped test stands for it).
 */
export function needs(...tools: Tool[]) {
  const absent = tools.filter((t) => !has(t));
  return {
    it(name: string, fn: TestFn, timeout?: number): void {
      if (absent.length === 0) it(name, fn, timeout);
      else it(name, (context) => skipFor(absent, context));
    },
    describe(name: string, fn: () => void): void {
      if (absent.length === 0) describe(name, fn);
      else describe(name, () => it("every test", (context) => skipFor(absent, context)));
    },
    /** The tools that are missing, for a test that adapts rather than skips. */
    absent,
  };
}
