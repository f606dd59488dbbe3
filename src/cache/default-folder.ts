import { win32 } from "node:path";
import { joinPath } from "../join-path";

/**
 * The per-user cache folder, where env-paths puts an app's cache
 * (https://github.com/sindresorhus/env-paths): XDG_CACHE_HOME or ~/.cache on Linux,
 * ~/Library/Caches on macOS, LOCALAPPDATA\regional-sts\Cache on Windows. Our own because
 * that package's ES-module imports of node:process and node:os cost half a millisecond of
 * every cache hit once bundled.
 */
export function defaultCacheDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === "win32") return win32.join(env.LOCALAPPDATA || win32.join(home, "AppData", "Local"), "regional-sts", "Cache");
  if (platform === "darwin") return joinPath(home, "Library", "Caches", "regional-sts");
  return env.XDG_CACHE_HOME ? joinPath(env.XDG_CACHE_HOME, "regional-sts") : joinPath(home, ".cache", "regional-sts");
}

/** The user's home: HOME (USERPROFILE on Windows), else what the OS says (loaded only then). */
export function homeFrom(env: Record<string, string | undefined>, osHome: () => string): string {
  return env.HOME || env.USERPROFILE || osHome();
}
