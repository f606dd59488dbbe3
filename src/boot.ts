import { lstatSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { replaceFileAtomic } from "./atomic-file";
import { defaultCacheDir } from "./cache/default-folder";
import { readPrivateFile } from "./cache/private-file";

/** Content hash of the CLI bundle this file starts (src/main.ts, bundled): set by scripts/build.mjs. */
declare const MAIN_ID: string;
/** True in the standalone binary, where that bundle is an asset; false in npm's dist/cli.cjs. */
declare const SEA: boolean;

/*
 * The entry of both builds: it compiles the CLI bundle with a V8 code cache from the user's cache
 * folder, saved after a credential-process run, so a cache hit runs bytecode instead of compiling
 * each function on its first call (about 1 ms of a 25 ms hit). This is what Node 22's
 * module.enableCompileCache() does, except that Node 20 lacks it and that it saves a cache made
 * before any function has run. V8 refuses a cache from another V8 version or other flags; it checks
 * only the length of the source, so the file name carries the bundle's content hash.
 * https://v8.dev/blog/code-caching-for-devs
 */
const env = process.env;
const file = SEA ? "main.js" : join(__dirname, "main.js");
const source = SEA ? (require("node:sea") as typeof import("node:sea")).getAsset("main.js", "utf8") : readFileSync(file, "utf8");
const home = env.HOME || env.USERPROFILE || (require("node:os") as typeof import("node:os")).homedir();
const dir = defaultCacheDir(process.platform, env, home);
const kind = SEA ? "binary" : "npm";
const name = `code-${kind}-${MAIN_ID}-${process.version}-${process.arch}.v8`;
const uid = process.getuid?.();
const cachedData = readPrivateFile(dir, name, uid);
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
if (!cachedData || script.cachedDataRejected) {
  process.on("exit", (code) => {
    if (code === 0 && process.argv[2] === "credential-process") saveCodeCache();
  });
}
const main = { exports: {} };
script.runInThisContext()(main.exports, require, main, file, SEA ? "." : __dirname);

/** Best effort, and only into the private folder the credentials cache made: it is a speed-up. */
function saveCodeCache(): void {
  try {
    const folder = lstatSync(dir);
    if (!folder.isDirectory() || (uid !== undefined && folder.uid !== uid) || (folder.mode & 0o077) !== 0) return;
    replaceFileAtomic(join(dir, name), script.createCachedData(), { mode: 0o600 });
    // Caches of earlier builds of this entry go; those of other Node versions stay, for users who switch.
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`code-${kind}-`) && !old.startsWith(`code-${kind}-${MAIN_ID}-`)) unlinkSync(join(dir, old));
    }
  } catch {
    // A cache folder we cannot write: the next run compiles as usual.
  }
}
