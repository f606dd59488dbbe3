import { readFileSync } from "node:fs";
import { Script } from "node:vm";
import { defaultCacheDir, homeFrom } from "./cache/default-folder";
import { readPrivateBytes } from "./cache/private-file";
import { formatError, UserError } from "./errors";
import { joinPath } from "./join-path";
import type { Parts } from "./load-part";

/** Content hash of each bundle (main.js, miss.js, sdk.js...): set by scripts/build.mjs. */
declare const PART_IDS: Record<string, string>;
/** True in the standalone binary, where the bundles are assets; false in npm's dist/cli.cjs. */
declare const SEA: boolean;

/*
 * The entry of both builds. It compiles each bundle, when first needed, with a V8 code cache
 * from the user's cache folder, saved after a successful run, so a cache hit runs bytecode
 * instead of compiling each function on its first call and a miss skips most of compiling the
 * AWS SDK (figures: docs/performance.md). Node 22's module.enableCompileCache() is
 * similar, but Node 20 lacks it and it saves caches made before any function has run. V8 refuses
 * a cache from another V8 version or other flags; it checks only the length of the source, so
 * each file name carries its bundle's content hash. https://v8.dev/blog/code-caching-for-devs
 */
const env = process.env;
const dir = defaultCacheDir(
  process.platform,
  env,
  homeFrom(env, () => (require("node:os") as typeof import("node:os")).userInfo().homedir),
);
const uid = process.getuid?.();
const kind = SEA ? "binary" : "npm";
const loaded = new Map<string, unknown>();
const unsaved: { name: string; script: Script }[] = [];
/** File names of a bundle's code caches start so; the Node version and arch follow. */
const cachePrefix = (part: string) => `code-${kind}-${part.slice(0, part.lastIndexOf("."))}-${PART_IDS[part]}-`;

/** Loads a bundle of src/parts.json once; the others reach it through loadPart() (src/load-part.ts). */
function load(part: string): unknown {
  if (!loaded.has(part)) {
    const file = SEA ? part : joinPath(__dirname, part);
    const source = readBundle(part, file);
    const name = `${cachePrefix(part)}${process.version}-${process.arch}.v8`;
    const cachedData = readPrivateBytes(dir, name, uid);
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: file,
      cachedData,
    });
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
    throw new UserError(`cannot read ${file}, part of regional-sts (${why})`, 1, "BrokenInstall", {
      hint: "reinstall regional-sts",
    });
  }
}

(globalThis as Record<symbol, unknown>)[Symbol.for("regional-sts.load")] = load;
process.on("exit", (exitCode) => {
  // Node compiles this file at every start, without a code cache: saving is a bundle of its own,
  // loaded after a run that worked and left a bundle without a usable cache. (Copied first: the
  // saver adds itself to the list, and is not worth a cache.)
  // src/main.ts says whether this command warrants it (parsed command line, Runtime.onParsed).
  if (
    exitCode !== 0 ||
    unsaved.length === 0 ||
    (globalThis as Record<symbol, unknown>)[Symbol.for("regional-sts.warm")] !== true
  )
    return;
  const toSave = [...unsaved];
  try {
    const { saveCodeCaches: save } = load("save.js") as Parts["save.js"];
    save({ dir, uid, kind, unsaved: toSave, current: Object.keys(PART_IDS).map(cachePrefix) });
  } catch {
    // Best effort, like the saving itself: the next run compiles as usual.
  }
});
try {
  load("main.js");
} catch (error) {
  process.stderr.write(formatError(error, process.argv.includes("--verbose")));
  process.exitCode = 1;
}
