import { lstatSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join, sep } from "node:path";
import { Script } from "node:vm";
import { replaceFileAtomic } from "./atomic-file";
import { defaultCacheDir, homeFrom } from "./cache/default-folder";
import { ownedAndPrivate, readPrivateBytes } from "./cache/private-file";
import { sweepLeftovers } from "./cache/write";
import { ownArgs } from "./cli/args";
import { formatError, UserError } from "./errors";

/** Content hash of each bundle (main.js, miss.js, sdk.js...): set by scripts/build.mjs. */
declare const PART_IDS: Record<string, string>;
/** True in the standalone binary, where the bundles are assets; false in npm's dist/cli.cjs. */
declare const SEA: boolean;

/*
 * The entry of both builds. It compiles each bundle, when first needed, with a V8 code cache
 * from the user's cache folder, saved after a successful run, so a cache hit runs bytecode
 * instead of compiling each function on its first call (about 1 ms of a 25 ms hit) and a miss
 * skips most of compiling the AWS SDK (about 20 ms). Node 22's module.enableCompileCache() is
 * similar, but Node 20 lacks it and it saves caches made before any function has run. V8 refuses
 * a cache from another V8 version or other flags; it checks only the length of the source, so
 * each file name carries its bundle's content hash. https://v8.dev/blog/code-caching-for-devs
 */
const env = process.env;
const dir = defaultCacheDir(process.platform, env, homeFrom(env, () => (require("node:os") as typeof import("node:os")).homedir()));
const uid = process.getuid?.();
const kind = SEA ? "binary" : "npm";
const loaded = new Map<string, unknown>();
const unsaved: { name: string; script: Script }[] = [];
/** File names of a bundle's code caches start so; the Node version and arch follow. */
const cachePrefix = (part: string) => `code-${kind}-${part.slice(0, part.lastIndexOf("."))}-${PART_IDS[part]}-`;

/** Loads a bundle once; bundles reach each other through this (see the "parts" plugin of the build). */
function load(part: string): unknown {
  if (!loaded.has(part)) {
    const file = SEA ? part : __dirname + sep + part;
    const source = readBundle(part, file);
    const name = `${cachePrefix(part)}${process.version}-${process.arch}.v8`;
    const cachedData = readPrivateBytes(dir, name, uid);
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
    if (!cachedData || script.cachedDataRejected) unsaved.push({ name, script });
    const module = { exports: {} };
    loaded.set(part, module.exports);
    script.runInThisContext()(module.exports, require, module, file, SEA ? "." : __dirname);
    loaded.set(part, module.exports);
  }
  return loaded.get(part);
}

/** A bundle's source; a broken installation is one clear line, as every error is. */
function readBundle(part: string, file: string): string {
  try {
    return SEA ? (require("node:sea") as typeof import("node:sea")).getAsset(part, "utf8") : readFileSync(file, "utf8");
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(`cannot read ${file}, part of regional-sts (${why}); reinstall regional-sts`, 1, "BrokenInstall");
  }
}

(globalThis as Record<symbol, unknown>)[Symbol.for("regional-sts.load")] = load;
process.on("exit", (code) => {
  // After the commands that run all day, once they worked: their functions have run, so are
  // cached. --no-cache means nothing is written to the cache folder.
  const [command, ...args] = process.argv.slice(2);
  if (code === 0 && unsaved.length > 0 && ["credential-process", "env", "exec"].includes(command ?? "") && !ownArgs(args).includes("--no-cache")) {
    saveCodeCaches();
  }
});
try {
  load("main.js");
} catch (error) {
  process.stderr.write(formatError(error, process.argv.includes("--verbose")));
  process.exitCode = 1;
}

/** Best effort, and only into the private folder the credentials cache made: it is a speed-up. */
function saveCodeCaches(): void {
  try {
    const folder = lstatSync(dir);
    if (!folder.isDirectory() || !ownedAndPrivate(folder, uid)) return;
    const current = Object.keys(PART_IDS).map(cachePrefix);
    for (const { name, script } of unsaved) {
      // No fsync: a crash may leave no file or an empty one, which V8 refuses; never a torn one.
      replaceFileAtomic(join(dir, name), script.createCachedData(), { mode: 0o600, noSync: true });
      sweepLeftovers(dir, name, Date.now());
    }
    // Caches of earlier builds of this entry go; those of other Node versions stay, for users who switch.
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`code-${kind}-`) && !current.some((prefix) => old.startsWith(prefix))) unlinkSync(join(dir, old));
    }
  } catch {
    // A cache folder we cannot write: the next run compiles as usual.
  }
}
