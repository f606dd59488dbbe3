import { describe, expect, it } from "vitest";
import type { Credentials } from "../../src/credentials/types";
import { formatProcessJson, toUtcZ } from "../../src/output/process-json";

const credentials = (expiration: string): Credentials => ({
  accessKeyId: "ASIAFAKEKEY",
  secretAccessKey: "fake/secret+key",
  sessionToken: 'IQoJb3JpZ2luX2VjE"quoted"',
  expiration,
  accountId: "111122223333",
});

describe("formatProcessJson", () => {
  it("prints exactly the credential_process document on one line", () => {
    expect(formatProcessJson(credentials("2026-03-01T11:00:00Z"))).toBe(
      '{"Version":1,"AccessKeyId":"ASIAFAKEKEY","SecretAccessKey":"fake/secret+key",' +
        '"SessionToken":"IQoJb3JpZ2luX2VjE\\"quoted\\"",' +
        '"Expiration":"2026-03-01T11:00:00Z","AccountId":"111122223333"}\n',
    );
  });

  it.each([
    ["2026-03-01T11:00:00Z", "2026-03-01T11:00:00Z"],
    ["2026-03-01T11:00:00.000Z", "2026-03-01T11:00:00Z"],
    ["2026-03-01T11:00:00.987Z", "2026-03-01T11:00:00Z"],
    ["2026-03-01T19:00:00+08:00", "2026-03-01T11:00:00Z"],
    ["2026-03-01T06:30:00.5-04:30", "2026-03-01T11:00:00Z"],
  ])("normalises Expiration %s to %s", (input, expected) => {
    const text = formatProcessJson(credentials(input));
    expect(JSON.parse(text).Expiration).toBe(expected);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(2);
    expect(toUtcZ(input)).toBe(expected);
  });
});
