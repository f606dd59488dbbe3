import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseArgs } from "node:util";
import { parseCommandArgs, PROFILE_OPTIONS, type OptionSpecs } from "../../src/cli/args";

const OPTIONS = { ...PROFILE_OPTIONS, format: { type: "string" }, json: { type: "boolean" } } as const satisfies OptionSpecs;
const parse = (args: string[], positionals = false) => parseCommandArgs("cmd", args, OPTIONS, positionals);
const failure = (args: string[], positionals = false) => {
  try {
    parse(args, positionals);
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
};

describe("parseCommandArgs", () => {
  it.each([
    [["--profile", "a", "--fips"], { profile: "a", fips: true }, []],
    [["--profile=a=b", "--region", "ap-east-1"], { profile: "a=b", region: "ap-east-1" }, []],
    [["-vh", "--no-cache"], { verbose: true, help: true, "no-cache": true }, []],
    [["--profile", "a", "--profile", "b"], { profile: "b" }, []],
    [["--external-id=-x1"], { "external-id": "-x1" }, []],
    [["--profile", "a", "--", "--fips", "x"], { profile: "a" }, ["--fips", "x"]],
    [["name", "-", "--json"], { json: true }, ["name", "-"]],
  ])("%j", (args, values, positionals) => {
    expect(parse(args, true)).toEqual({ values, positionals });
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["-x"], "Unknown option '-x'"],
    [["--profile"], "Option '--profile <value>' argument missing"],
    [["--fips=yes"], "Option '--fips' does not take an argument"],
    [["--region", "--fips"], "Option '--region <value>' argument is ambiguous; write --region=--fips for a value that starts with a dash"],
    [["--profile", "a", "extra"], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])("%j is refused", (args, message) => {
    expect(failure(args)).toBe(`cmd: ${message} (see regional-sts help)`);
  });

  it("means what node:util parseArgs means for any mix of our flags", () => {
    const word = fc.constantFrom("--profile", "--region", "--fips", "--no-cache", "-v", "-h", "-vh", "--format=sh", "--json", "a", "b", "--", "-", "--bogus", "-x", "--fips=1", "--profile=");
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), fc.boolean(), (args, positionals) => {
      let theirs: unknown;
      try {
        const { values, positionals: rest } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: positionals });
        theirs = { values: { ...values }, positionals: rest };
      } catch {
        theirs = "error";
      }
      let ours: unknown;
      try {
        ours = parse(args, positionals);
      } catch {
        ours = "error";
      }
      expect(ours).toEqual(theirs);
    }), { numRuns: 2000 });
  });
});
