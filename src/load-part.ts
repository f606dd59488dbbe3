import PARTS from "./parts.json";

/*
 * The CLI ships as separate bundles (src/parts.json: the one list the build, package.json's
 * `files`, the tests and the README follow) so that a cache hit compiles only dist/main.js. The
 * others load when a command needs them, through the loader src/boot.ts installs (with V8 code
 * caches). Never import() in a bundle: that makes Node scan a CommonJS file for its exports first
 * (docs/performance.md gives the cost).
 */
/** What each bundle exports: the module its source is. */
export interface Parts {
  "miss.js": typeof import("./credentials/fill-cache");
  "sdk.js": typeof import("./credentials/connect");
  "more.js": typeof import("./cli/more-commands");
  "doctor-sdk.js": typeof import("./doctor/aws-calls");
  "save.js": typeof import("./code-cache-save");
}
// Fails to compile when src/parts.json and Parts list different bundles (main.js is the entry).
const sameList: Record<Exclude<keyof typeof PARTS, "main.js">, true> & Record<keyof Parts, true> = {
  "miss.js": true,
  "sdk.js": true,
  "more.js": true,
  "doctor-sdk.js": true,
  "save.js": true,
};
void sameList;

/** The loader boot.ts installs; absent when the sources run unbundled (tests). */
const LOADER = Symbol.for("regional-sts.load");

/** Loads a bundle once and returns its exports. */
export async function loadPart<Name extends keyof Parts>(name: Name): Promise<Parts[Name]> {
  const loader = (globalThis as Record<symbol, ((part: string) => unknown) | undefined>)[LOADER];
  if (loader) return loader(name) as Parts[Name];
  // Unbundled (vitest): the part's source module. The path is not a literal, so no bundler follows it.
  const source = PARTS[name].source.replace(/^src\//, "./");
  return (await import(/* @vite-ignore */ source)) as Parts[Name];
}
