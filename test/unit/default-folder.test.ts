import { describe, expect, it } from "vitest";
import { defaultCacheDir, homeFrom } from "../../src/cache/default-folder";

describe("defaultCacheDir", () => {
  it.each([
    ["linux", {}, "/home/u", "/home/u/.cache/regional-sts"],
    ["linux", { XDG_CACHE_HOME: "/var/cache/u" }, "/home/u", "/var/cache/u/regional-sts"],
    ["linux", { XDG_CACHE_HOME: "" }, "/home/u", "/home/u/.cache/regional-sts"],
    ["freebsd", {}, "/home/u", "/home/u/.cache/regional-sts"],
    ["darwin", { XDG_CACHE_HOME: "/ignored" }, "/Users/u", "/Users/u/Library/Caches/regional-sts"],
    ["win32", { LOCALAPPDATA: "D:\\Local" }, "C:\\Users\\u", "D:\\Local\\regional-sts\\Cache"],
    ["win32", {}, "C:\\Users\\u", "C:\\Users\\u\\AppData\\Local\\regional-sts\\Cache"],
  ] as const)("%s %j, home %s: %s", (platform, env, home, expected) => {
    expect(defaultCacheDir(platform, env, home)).toBe(expected);
  });
});

describe("homeFrom", () => {
  it.each([
    [{ HOME: "/home/u", USERPROFILE: "C:\\Users\\u" }, "/home/u"],
    [{ HOME: "", USERPROFILE: "C:\\Users\\u" }, "C:\\Users\\u"],
    [{}, "/from/the/os"],
  ] as const)("%j: %s", (env, expected) => {
    expect(homeFrom(env, () => "/from/the/os")).toBe(expected);
  });
});

