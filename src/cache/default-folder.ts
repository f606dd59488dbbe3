import { win32 } from "node:path";
import { joinPath } from "../join-path";

/**
 * The per-user cache folder, where env-paths puts an app's cache
 * (https://github.com/sindresorhus/env-paths): XDG_CACHE_HOME or ~/.cache on Linux,
 * ~/Library/Caches on macOS, %LOCALAPPDATA%\regional-sts on Windows (without env-paths's extra
 * "Cache" level: the folder holds nothing else). Our own because
 * that package's ES-module imports of node:process and node:os cost half a millisecond of
 * every cache hit once bundled. A relative XDG_CACHE_HOME is ignored, as the XDG Base Directory
 * specification says: it would put the cache in whatever folder the caller runs in.
 * https://specifications.freedesktop.org/basedir-spec/latest/
 */
export function defaultCacheDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string {
  if (platform === "win32") {
    const local =
      env.LOCALAPPDATA && isAbsolutePath(env.LOCALAPPDATA) ? env.LOCALAPPDATA : win32.join(home, "AppData", "Local");
    return win32.join(local, "regional-sts");
  }
  if (platform === "darwin") return joinPath(home, "Library", "Caches", "regional-sts");
  const xdg = env.XDG_CACHE_HOME;
  return xdg && isAbsolutePath(xdg) ? joinPath(xdg, "regional-sts") : joinPath(home, ".cache", "regional-sts");
}

/**
 * The user's home: HOME (USERPROFILE on Windows), else the account's home from the OS (loaded
 * only then). A relative HOME is ignored like a relative XDG variable: it would read the config
 * and put the cache in the caller's working folder, which may be a checked-out repository's.
 */
export function homeFrom(env: Record<string, string | undefined>, accountHome: () => string): string {
  for (const value of [env.HOME, env.USERPROFILE]) if (value && isAbsolutePath(value)) return value;
  return accountHome();
}

/** `/x` and, for Windows, `C:\x`, `C:/x`, `\\server\share`. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\\\") || /^[A-Za-z]:[\\/]/.test(path);
}
