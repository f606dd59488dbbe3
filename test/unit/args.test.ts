import { parseArgs } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OptionSpecs, PROFILE_OPTIONS, parseArgList } from "../../src/cli/args";
import type { UserError } from "../../src/errors";

const OPTIONS = {
  ...PROFILE_OPTIONS,
  format: { type: "string" },
  json: { type: "boolean" },
} as const satisfies OptionSpecs;
const parse = (args: string[]) => parseArgList("cmd", args, OPTIONS);
const failure = (args: string[]) => {
  try {
    parse(args);
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
};

describe("parseArgList", () => {
  it.each([
    [["--profile", "a", "--fips"], { profile: "a", fips: true }, [], []],
    [["--profile=a=b", "--region", "ap-east-1"], { profile: "a=b", region: "ap-east-1" }, [], []],
    [["-vh", "--no-cache"], { verbose: true, help: true, "no-cache": true }, [], []],
    [["--profile", "a", "--profile", "b"], { profile: "b" }, [], []],
    [["--external-id=-x1"], { "external-id": "-x1" }, [], []],
    [["--profile", "a", "--", "--fips", "x"], { profile: "a" }, [], ["--fips", "x"]],
    [["name", "-", "--json"], { json: true }, ["name", "-"], []],
  ])("%j", (args, values, positionals, rest) => {
    expect(parse(args)).toEqual({ values, positionals, rest });
  });

  it.each([
    [["--bogus"], "cmd: unknown option --bogus", "see regional-sts help cmd"],
    [["--regoin", "x"], "cmd: unknown option --regoin", "did you mean --region?"],
    [["-x"], "cmd: unknown option -x", "see regional-sts help cmd"],
    [["--profile"], "cmd: option --profile needs a value", "see regional-sts help cmd"],
    [["--fips=yes"], "cmd: option --fips takes no value", "see regional-sts help cmd"],
    [
      ["--region", "--fips"],
      `cmd: option --region would take "--fips" as its value`,
      "write --region=--fips if that is meant",
    ],
  ])("%j is refused", (args, message, hint) => {
    expect(failure(args)).toBe(message);
    try {
      parse(args);
    } catch (error) {
      expect([(error as UserError).exitCode, (error as UserError).hint]).toEqual([2, hint]);
    }
  });

  it("means what node:util parseArgs means for any mix of our flags", () => {
    const word = fc.constantFrom(
      "--profile",
      "--region",
      "--fips",
      "--no-cache",
      "-v",
      "-h",
      "-vh",
      "--format=sh",
      "--json",
      "a",
      "b",
      "--",
      "-",
      "--bogus",
      "-x",
      "--fips=1",
      "--profile=",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.boolean(), (args, positionals) => {
        let theirs: unknown;
        try {
          const { values, positionals: rest } = parseArgs({
            args,
            options: OPTIONS,
            strict: true,
            allowPositionals: positionals,
          });
          theirs = { values: { ...values }, positionals: rest };
        } catch {
          theirs = "error";
        }
        let ours: unknown;
        try {
          const parsed = parse(args);
          if (!positionals && parsed.positionals.length + parsed.rest.length > 0) throw new Error("positional");
          ours = { values: parsed.values, positionals: [...parsed.positionals, ...parsed.rest] };
        } catch {
          ours = "error";
        }
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });
});
