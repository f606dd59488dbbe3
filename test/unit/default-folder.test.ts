import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultCacheDir, homeFrom } from "../../src/cache/default-folder";
import { joinPath } from "../../src/join-path";

describe("defaultCacheDir", () => {
  it.each([
    ["linux", {}, "/home/u", "/home/u/.cache/regional-sts"],
    ["linux", { XDG_CACHE_HOME: "/var/cache/u" }, "/home/u", "/var/cache/u/regional-sts"],
    ["linux", { XDG_CACHE_HOME: "" }, "/home/u", "/home/u/.cache/regional-sts"],
    // Issue 12 item 9: relative values are ignored (XDG Base Directory specification).
    ["linux", { XDG_CACHE_HOME: "cache" }, "/home/u", "/home/u/.cache/regional-sts"],
    ["linux", { XDG_CACHE_HOME: "./.cache" }, "/home/u", "/home/u/.cache/regional-sts"],
    ["linux", { XDG_CACHE_HOME: "~/.cache" }, "/home/u", "/home/u/.cache/regional-sts"],
    ["win32", { LOCALAPPDATA: "Local" }, "C:\\Users\\u", "C:\\Users\\u\\AppData\\Local\\regional-sts"],
    ["freebsd", {}, "/home/u", "/home/u/.cache/regional-sts"],
    ["darwin", { XDG_CACHE_HOME: "/ignored" }, "/Users/u", "/Users/u/Library/Caches/regional-sts"],
    ["win32", { LOCALAPPDATA: "D:\\Local" }, "C:\\Users\\u", "D:\\Local\\regional-sts"],
    ["win32", {}, "C:\\Users\\u", "C:\\Users\\u\\AppData\\Local\\regional-sts"],
  ] as const)("%s %j, home %s: %s", (platform, env, home, expected) => {
    expect(defaultCacheDir(platform, env, home)).toBe(expected);
  });
});

describe("homeFrom", () => {
  it.each([
    [{ HOME: "/home/u", USERPROFILE: "C:\\Users\\u" }, "/home/u"],
    [{ HOME: "", USERPROFILE: "C:\\Users\\u" }, "C:\\Users\\u"],
    [{}, "/from/the/os"],
    [{ HOME: "." }, "/from/the/os"],
    [{ HOME: "home/u" }, "/from/the/os"],
    [{ HOME: "~" }, "/from/the/os"],
    [{ HOME: "rel", USERPROFILE: "C:\\Users\\u" }, "C:\\Users\\u"],
    [{ USERPROFILE: "\\\\server\\u" }, "\\\\server\\u"],
  ] as const)("%j: %s", (env, expected) => {
    expect(homeFrom(env, () => "/from/the/os")).toBe(expected);
  });
});

describe("joinPath", () => {
  it.each([
    ["/home/u", [".cache", "regional-sts"], "/home/u/.cache/regional-sts"],
    ["/home/u/", [".aws", "config"], "/home/u/.aws/config"],
    ["/var/cache//", ["regional-sts"], "/var/cache/regional-sts"],
    ["/", [".cache"], "/.cache"],
    ["relative/dir", ["x"], "relative/dir/x"],
    ["", ["x", "y"], "x/y"],
  ] as const)("%s + %j: %s, the same file as path.join's", (base, names, expected) => {
    expect(joinPath(base, ...names)).toBe(expected);
    expect(posix.normalize(joinPath(base, ...names))).toBe(posix.join(base, ...names));
  });

  it("names the file path.join names, for any base and plain names", () => {
    const segment = fc.stringMatching(/^[\w.-]{1,8}$/);
    const base = fc
      .array(fc.oneof(segment, fc.constant(""), fc.constant("."), fc.constant("..")), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join("/"));
    fc.assert(
      fc.property(
        fc.boolean(),
        base,
        fc.array(
          segment.filter((s) => s !== "." && s !== ".."),
          { minLength: 1, maxLength: 3 },
        ),
        (absolute, b, names) => {
          const from = absolute ? `/${b}` : b;
          expect(posix.normalize(joinPath(from, ...names))).toBe(posix.join(from, ...names));
        },
      ),
    );
  });
});
