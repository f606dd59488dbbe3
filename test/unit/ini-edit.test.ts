import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findProfileBlocks, namesProfile, setProfileKeys } from "../../src/config/ini-edit";

const FIXTURES = join(import.meta.dirname, "../fixtures/configure");
const REAL = readFileSync(join(FIXTURES, "real-world.ini"), "utf8");
const CRLF = REAL.replace(/\n/g, "\r\n");
const HK_BLOCK = `[profile hk-role] ; managed by regional-sts
# the role in account B
region = ap-east-1
credential_process = /old/path/regional-sts credential-process --profile hk-role
regional_sts_role_arn = arn:aws:iam::222222222222:role/katoaki
regional_sts_source_profile = account-a
\tduration_seconds=3600
`;

/** The text before and after `block` in `text`: what must survive byte for byte. */
function around(text: string, block: string): [string, string] {
  const at = text.indexOf(block);
  expect(at).toBeGreaterThan(0);
  return [text.slice(0, at), text.slice(at + block.length)];
}

describe("setProfileKeys", () => {
  it.each([
    ["LF", REAL, "\n"],
    ["CRLF", CRLF, "\r\n"],
  ])("updates a block in place and leaves every other byte (%s)", (_name, text, eol) => {
    const out = setProfileKeys(
      text,
      "hk-role",
      [
        ["region", "ap-east-2"],
        ["credential_process", "/usr/bin/regional-sts credential-process --profile hk-role"],
        ["external_id", "x-1"],
      ],
      "update",
    );
    const oldBlock = HK_BLOCK.replace(/\n/g, eol);
    const newBlock = [
      "[profile hk-role] ; managed by regional-sts",
      "# the role in account B",
      "region = ap-east-2",
      "credential_process = /usr/bin/regional-sts credential-process --profile hk-role",
      "regional_sts_role_arn = arn:aws:iam::222222222222:role/katoaki",
      "regional_sts_source_profile = account-a",
      "\tduration_seconds=3600",
      "external_id = x-1",
      "",
    ].join(eol);
    expect(around(out, newBlock)).toEqual(around(text, oldBlock));
  });

  it.each([
    ["LF", REAL, "\n"],
    ["CRLF", CRLF, "\r\n"],
  ])("appends a new profile after everything else (%s)", (_name, text, eol) => {
    const out = setProfileKeys(
      text,
      "new-role",
      [
        ["region", "ap-east-1"],
        ["regional_sts_role_arn", "arn:aws:iam::222222222222:role/x"],
      ],
      "update",
    );
    expect(out).toBe(
      `${text}${eol}[profile new-role]${eol}region = ap-east-1${eol}regional_sts_role_arn = ` +
        `arn:aws:iam::222222222222:role/x${eol}`,
    );
  });

  it("never touches keys of a subsection, which belong to a service", () => {
    const out = setProfileKeys(REAL, "account-a", [["region", "us-west-2"]], "update");
    expect(out).toBe(REAL.replace("region    =    us-east-1\ns3 =", "region = us-west-2\ns3 ="));
  });

  it("reads [profile   x] with odd spacing as the SDK does: not a profile", () => {
    expect(findProfileBlocks(REAL, "account-a")).toEqual([{ header: 16, end: 21 }]);
    expect(namesProfile("profile   account-a", "account-a")).toBe(false);
  });

  it("finds [default] and [profile default], and nothing else under that name", () => {
    expect(findProfileBlocks(REAL, "default")).toEqual([{ header: 3, end: 8 }]);
    expect(namesProfile("profile default", "default")).toBe(true);
    expect(namesProfile("default", "hk-role")).toBe(false);
    expect(namesProfile("sso-session corp", "corp")).toBe(false);
    expect(namesProfile("services local", "local")).toBe(false);
  });

  it("writes [default] for the default profile", () => {
    const out = setProfileKeys("", "default", [["region", "eu-west-1"]], "update");
    expect(out).toBe("[default]\nregion = eu-west-1\n");
  });

  it("adds a line ending to a file that lacks one, before new lines", () => {
    const text = readFileSync(join(FIXTURES, "no-final-newline.ini"), "utf8");
    expect(setProfileKeys(text, "account-a", [["output", "json"]], "update")).toBe(
      "[profile account-a]\nregion = us-east-1\noutput = json\n",
    );
    expect(setProfileKeys(text, "b", [["region", "eu-west-1"]], "update")).toBe(
      "[profile account-a]\nregion = us-east-1\n\n[profile b]\nregion = eu-west-1\n",
    );
  });

  it("replace swaps the block's settings and keeps the comments that follow it", () => {
    const out = setProfileKeys(REAL, "sso-dev", [["region", "ap-east-1"]], "replace");
    expect(out).toBe(
      REAL.replace(
        "sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\nservices = local\n",
        "region = ap-east-1\n",
      ),
    );
  });

  it("refuses a profile split over two sections", () => {
    const text = "[profile a]\nregion = us-east-1\n[profile a]\noutput = json\n";
    expect(findProfileBlocks(text, "a")).toEqual([
      { header: 0, end: 2 },
      { header: 2, end: 4 },
    ]);
    expect(() => setProfileKeys(text, "a", [["region", "x"]], "update")).toThrow("profile a has 2 sections");
  });
});
