import type { SpawnOptions } from "node:child_process";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";

/**
 * The platform's "open this URL" command: xdg-open, open, or cmd's start (whose first quoted word
 * is a window title).
 */
export function browserCommand(
  platform: NodeJS.Platform,
  url: string,
): { file: string; args: string[]; options: SpawnOptions } {
  const options: SpawnOptions = { stdio: "ignore", detached: true };
  if (platform === "darwin") return { file: "open", args: [url], options };
  if (platform === "win32")
    return {
      file: "cmd.exe",
      args: ["/d", "/s", "/c", `start "" "${url}"`],
      options: { ...options, windowsVerbatimArguments: true },
    };
  return { file: "xdg-open", args: [url], options };
}

/** Starts the browser on the URL; the opener runs on after we exit (it may keep the browser in its foreground). */
export function openBrowser(runtime: Runtime, url: string): Promise<void> {
  const { file, args, options } = browserCommand(runtime.platform, url);
  return new Promise((resolve, reject) => {
    const child = runtime.spawn(file, args, options);
    child.once("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "ENOENT" ? `${file} not found` : error.message;
      reject(
        new UserError(`cannot open a browser (${why})`, 1, "NoBrowser", {
          hint: "run again with --url and open the URL yourself",
        }),
      );
    });
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
