import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configFileProfiles, parseSharedIni } from "../../src/config/ini-parse";
import { iniFile as file, sdkReads } from "../unit/ini-arbitraries";

const ours = (text: string) => {
  const parsed = parseSharedIni(text);
  if (parsed.fault) throw new Error(`unexpected fault ${JSON.stringify(parsed.fault)}`);
  return parsed.sections;
};

describe("parseSharedIni", () => {
  it(
    "reads any file it accepts exactly as the SDK does: the config file's profiles and the credentials file's " +
      "sections",
    async () => {
      await fc.assert(
        fc.asyncProperty(file, file, async (config, credentials) => {
          fc.pre(!parseSharedIni(config).fault && !parseSharedIni(credentials).fault);
          const sdk = await sdkReads(config, credentials);
          // JSON keeps the order of sections and keys too.
          expect(JSON.stringify(configFileProfiles(ours(config)))).toBe(JSON.stringify(sdk.configFile));
          expect(JSON.stringify(ours(credentials))).toBe(JSON.stringify(sdk.credentialsFile));
        }),
        { numRuns: 1500 },
      );
    },
  );

  it.each([
    [
      "[profile a]\nregion = x\n[profile b\nregion = y",
      { line: 3, problem: "is neither a [section] nor name = value" },
    ],
    ["[profile a]\r\n  = x", { line: 2, problem: "is neither a [section] nor name = value" }],
    ["[]", { line: 1, problem: "is neither a [section] nor name = value" }],
    ["region", { line: 1, problem: "is neither a [section] nor name = value" }],
    [
      "# ok\n[profile __proto__]\nregion = x",
      { line: 2, problem: "names a section __proto__, which the AWS SDKs refuse" },
    ],
    ["[ __proto__ ]", { line: 1, problem: "names a section __proto__, which the AWS SDKs refuse" }],
  ])("names the first line the SDK would skip: %j", (text, fault) => {
    expect(parseSharedIni(text)).toEqual({ fault });
  });

  it.each([
    ["[profile a]\nregion = x ; a comment\nkey = a;b#c", { "profile.a": { region: "x", key: "a;b#c" } }],
    [
      "[profile a]\ns3 =\n  max_concurrent_requests = 20\nregion = x",
      { "profile.a": { "s3.max_concurrent_requests": "20", region: "x" } },
    ],
    ["[profile  a]\nk = v", { "profile  a": { k: "v" } }],
    ["[foo a]\nk = v", {}],
    ["[profile 'a b']\nk = v\n[profile \"c\"]\nk = w", { "profile 'a b'": { k: "v" }, "profile.c": { k: "w" } }],
    ["k = before any section\n[empty]\n[default]\nk = v", { default: { k: "v" } }],
  ])("%j", (text, sections) => {
    expect(JSON.stringify(ours(text))).toBe(JSON.stringify(sections));
  });

  it("a profile named like a property of every object is only a name (the SDK's maps inherit them)", () => {
    const profiles = configFileProfiles(ours("[profile toString]\nregion = x\n[constructor]\nk = v"));
    expect(profiles.toString).toEqual({ region: "x" });
    expect(profiles.constructor).toBeUndefined();
    expect(profiles.hasOwnProperty).toBeUndefined();
    expect(Object.keys(ours("[constructor]\nk = v"))).toEqual(["constructor"]);
  });
});
