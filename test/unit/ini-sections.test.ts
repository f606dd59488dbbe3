import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cliConfigProfiles, cliCredentials } from "../../src/config/cli-reading";
import { configFileProfiles, type IniSections, parseSharedIni } from "../../src/config/ini-parse";
import { scanSections, sectionsText, takeSections } from "../../src/config/ini-sections";
import { iniFile, sdkParse, sdkReads, word } from "./ini-arbitraries";

const ours = (text: string): IniSections => {
  const parsed = parseSharedIni(text);
  if (parsed.fault) throw new Error(`unexpected fault ${JSON.stringify(parsed.fault)}`);
  return parsed.sections;
};
/** The sections of a full parse whose key is in `keys`, in the full parse's order. */
const only = (sections: object, keys: ReadonlySet<string>) =>
  Object.fromEntries(Object.entries(sections).filter(([k]) => keys.has(k)));
const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));
const sectionSpans = (text: string) => {
  const scan = scanSections(text);
  if (scan.fault) throw new Error(`unexpected fault ${JSON.stringify(scan.fault)}`);
  return scan.spans;
};
// Lines parseSharedIni refuses, and near misses it accepts, to mix into files.
const badLine = fc.constantFrom(
  "[profile x",
  "region",
  " = v",
  "=v",
  "\u00a0= x",
  "k ; = v",
  "k #= v",
  "k#= v",
  "[]",
  "[ ]",
  "[__proto__]",
  "[profile __proto__]",
  "[ a __proto__ ]",
  "[profile\u3000__proto__x]",
  "# [x",
  "  ; [x",
  "[a] # c",
  "[a]x",
  "[a] ; ]",
);
const faultyFile = fc
  .array(fc.oneof(iniFile, badLine), { maxLength: 6 })
  .chain((parts) => fc.constantFrom("\n", "\r\n").map((eol) => parts.join(eol)));

// Section keys as the parsers file them, for the names the files are made of (plus ones no file has).
const keyOf = fc
  .tuple(fc.constantFrom("profile.", "sso-session.", "services.", ""), word)
  .map(([type, name]) => type + name);
const keys = fc
  .array(fc.oneof(keyOf, fc.constantFrom("default", "profile.default", "nowhere")), { maxLength: 6 })
  .map((k) => new Set(k));

describe("scanSections: a whole file checked in one pass that builds no map", () => {
  it("finds the fault parseSharedIni finds, the same line and words, and none where it finds none", () => {
    fc.assert(
      fc.property(fc.oneof(faultyFile, iniFile), (text) => {
        const parsed = parseSharedIni(text);
        const scan = scanSections(text);
        expect(scan.fault).toEqual(parsed.fault);
        if (!scan.fault)
          expect(scan.spans.every((s, i, all) => s.end === (all[i + 1]?.start ?? text.length))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("takeSections: only some sections, read as a full parse reads them", () => {
  it(
    "gives, parsed alone, exactly those sections of the whole file: " +
      "by our parser and by the SDK's, duplicates and all",
    async () => {
      await fc.assert(
        fc.asyncProperty(iniFile, keys, async (text, wanted) => {
          fc.pre(!parseSharedIni(text).fault);
          const taken = takeSections(text, sectionSpans(text), wanted);
          same(ours(taken), only(ours(text), wanted));
          same(await sdkParse(taken), only((await sdkParse(text)) as object, wanted));
        }),
        { numRuns: 1500 },
      );
    },
  );

  it("finds every section's lines, repeated headers included, and none of the lines before the first header", () => {
    const text = "k = before\n[profile a]\nregion = x\n\n# c\n[b]\n  [profile a] ; again\nregion = y\n[foo bar]\nk = v";
    expect(sectionSpans(text).map((s) => [s.key, text.slice(s.start, s.end)])).toEqual([
      ["profile.a", "[profile a]\nregion = x\n\n# c\n"],
      ["b", "[b]\n"],
      ["profile.a", "  [profile a] ; again\nregion = y\n"],
      [undefined, "[foo bar]\nk = v"],
    ]);
    same(ours(takeSections(text, sectionSpans(text), new Set(["profile.a"]))), { "profile.a": { region: "y" } });
  });
});

describe("sectionsText: what the SDK is shown on a miss", () => {
  it("is read by the SDK exactly as we read the config file's profiles and credentials file's sections", async () => {
    await fc.assert(
      fc.asyncProperty(iniFile, iniFile, async (config, credentials) => {
        fc.pre(!parseSharedIni(config).fault && !parseSharedIni(credentials).fault);
        const profiles = cliConfigProfiles(ours(config));
        const sections = cliCredentials(ours(credentials));
        const sdk = await sdkReads(sectionsText(profiles, "profile."), sectionsText(sections, ""));
        // Keyed lookups, not order: the text lists sections in the order the call needs them.
        expect(sdk.configFile).toEqual({ ...profiles });
        expect(sdk.credentialsFile).toEqual({ ...sections });
        same(ours(sectionsText(sections, "")), sections);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("cliConfigProfiles: the config file as the AWS CLI reads it", () => {
  it(
    "is the SDK's reading wherever neither [default] with [profile default], " +
      "a key name in capitals nor a header the SDK's pattern refuses is involved",
    () => {
      fc.assert(
        fc.property(iniFile, (text) => {
          fc.pre(!parseSharedIni(text).fault);
          const sections = ours(text);
          fc.pre(
            !(sections.default && sections["profile.default"]) &&
              !/[A-Z]/.test(Object.values(sections).flatMap(Object.keys).join("")),
          );
          fc.pre(
            !Object.keys(sections).some((raw) => /^(profile|sso-session|services)/.test(raw) && /[ \t]/.test(raw)),
          );
          // The same profiles; the SDK lists [default] first, we keep the file's order.
          expect(cliConfigProfiles(sections)).toEqual(configFileProfiles(sections));
        }),
        { numRuns: 1000 },
      );
    },
  );

  it.each([
    ["[profile default]\nregion = a\n[default]\nregion = b", { default: { region: "b" } }],
    ["[default]\nregion = b\n[profile default]\nregion = a", { default: { region: "a" } }],
    ["[profile default]\nregion = a\nextra = 1\n[default]\nregion = b", { default: { region: "b" } }],
    [
      "[profile a]\nRegion = x\nREGIONAL_STS_ROLE_ARN = r\ns3 =\n  Max_Concurrent = 2",
      { a: { region: "x", regional_sts_role_arn: "r", "s3.Max_Concurrent": "2" } },
    ],
    ["[profile a]\nregion = x\nRegion = y", { a: { region: "y" } }],
    // Headers botocore splits as a shell would, where the SDK's pattern wants one space and no quoted spaces.
    [
      "[profile  two]\nk = 1\n[profile \"x y\"]\nk = 2\n[profile 'it''s']\nk = 3",
      { two: { k: "1" }, "x y": { k: "2" }, its: { k: "3" } },
    ],
    [
      '[profile x y]\nk = 1\n[profile "x]\nk = 2\n[sso-session  s]\nk = 3\n[services\t\tv]\nk = 4',
      { "sso-session.s": { k: "3" }, "services.v": { k: "4" } },
    ],
    ["[profile a]\nk = 1\n[profile  a]\nk = 2", { a: { k: "2" } }],
  ])("%j", (text, profiles) => {
    same(cliConfigProfiles(ours(text)), profiles);
  });
});
