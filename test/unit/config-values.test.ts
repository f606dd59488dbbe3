import { execFileSync } from "node:child_process";
import { externalDataInterceptor, loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkConfigValue } from "../../src/config/config-values";
import { configFileProfiles, parseSharedIni } from "../../src/config/ini-parse";
import { needs } from "../support/tools";

/** What the JS SDK reads as `external_id` of [profile x] when configure writes `value`. */
async function sdkReads(value: string): Promise<string | undefined> {
  const id = Math.random().toString(36).slice(2);
  externalDataInterceptor.interceptFile(`/config-values/${id}/config`, `[profile x]\nexternal_id = ${value}\n`);
  externalDataInterceptor.interceptFile(`/config-values/${id}/credentials`, "");
  const files = await loadSharedConfigFiles({
    filepath: `/config-values/${id}/credentials`,
    configFilepath: `/config-values/${id}/config`,
  });
  return files.configFile.x?.external_id;
}

const accepted = (value: string) => {
  try {
    checkConfigValue("x", "--external-id", value, 2);
    return true;
  } catch {
    return false;
  }
};

// Printable ASCII, the characters the readers treat specially, Unicode spaces and line breaks.
const char = fc.constantFrom(
  "a",
  "Z",
  "0",
  " ",
  "  ",
  ";",
  "#",
  "=",
  "[",
  "]",
  "'",
  '"',
  "\\",
  "$",
  "%",
  "\t",
  "\n",
  "\r",
  "\u00a0",
  "\u3000",
  "\u0085",
  "\u2028",
  "é",
  "😀",
);
const value = fc.array(char, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));

describe("configure's value check: what it lets through, every reader reads back as written", () => {
  it("the JS SDK and regional-sts's own parser (property)", async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        fc.pre(accepted(v));
        expect(await sdkReads(v)).toBe(v);
        const ours = parseSharedIni(`[profile x]\nexternal_id = ${v}\n`);
        expect("sections" in ours && configFileProfiles(ours.sections!).x?.external_id).toBe(v);
      }),
      { numRuns: 400 },
    );
  });

  needs("python3").it("and botocore's RawConfigParser (the AWS CLI), on a sample", () => {
    const sample = fc.sample(value.filter(accepted), { numRuns: 60, seed: 7 });
    const tricky = ["a;b#c", "x=y", "[z]", "'q'", '"q"', "\\$x", "é 😀 a", "100%"];
    const values = [...tricky, ...sample];
    expect(values.every(accepted)).toBe(true);
    const script = [
      "import configparser, json, sys",
      "out = []",
      "for v in json.loads(sys.stdin.read()):",
      "    p = configparser.RawConfigParser()",
      "    p.read_string('[profile x]\\nexternal_id = ' + v + '\\n')",
      "    out.append(p.get('profile x', 'external_id'))",
      "print(json.dumps(out))",
    ].join("\n");
    const read = JSON.parse(
      execFileSync("python3", ["-c", script], { input: JSON.stringify(values), encoding: "utf8" }),
    ) as string[];
    expect(read).toEqual(values);
  });

  it("refuses what the readers would read otherwise", async () => {
    for (const v of [
      "a ;b",
      "a #b",
      "#a",
      ";a",
      " a",
      "a ",
      "a\nb",
      "a\rb",
      "a\u0085b",
      "a\u2028b",
      "a\tb",
      "a\u00a0;b",
    ]) {
      expect(accepted(v)).toBe(false);
    }
    // ...and these really are read otherwise by at least one reader:
    expect(await sdkReads("a ;b")).toBe("a");
    expect(await sdkReads("a\u00a0#b")).toBe("a");
  });
});
