import { version } from "../package.json";

/** The commit the build was made from (scripts/build.mjs); "+changes" when the work tree differed. */
declare const COMMIT: string | undefined;

/** What `regional-sts version` reports about the Node it runs on (src/main.ts reads it from `process`). */
export interface NodeFacts {
  version: string;
  platform: string;
  arch: string;
  /** True in the standalone binary, whose Node is built in; false for npm's entry on the user's Node. */
  binary: boolean;
}

/** `regional-sts version` / `--version`: the version first, as tools print it; then what a bug report needs. */
export function versionText(
  node: NodeFacts | undefined,
  commit: string = typeof COMMIT === "string" ? COMMIT : "unbuilt",
): string {
  const where = !node
    ? "unknown"
    : `${node.version} (${node.binary ? "built into this binary" : "npm entry, the Node on PATH"})`;
  return [
    `regional-sts ${version}`,
    `commit ${commit}`,
    `node ${where}`,
    `platform ${node ? `${node.platform}-${node.arch}` : "unknown"}`,
    "",
  ].join("\n");
}
