// The loopback AWS stand-in (dist/fake-aws.cjs) as a child process, with its admin API.
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** Starts the stand-in in proxy mode with the seed scenario; resolves once it printed its URLs. */
export async function startStandIn(root) {
  const child = spawn(process.execPath, [join(root, "dist/fake-aws.cjs"), "--delay-ms", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const firstLine = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the stand-in exited early (code ${code})`)));
    createInterface({ input: child.stdout }).once("line", resolve);
  });
  child.removeAllListeners("exit");
  const info = JSON.parse(firstLine);
  // A fresh connection per call: the benchmark blocks its event loop in spawnSync for long
  // stretches, so a kept-alive socket may have been closed by the server in the meantime.
  const admin = (method, path, body) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        `${info.adminUrl}${path}`,
        { method, agent: false, headers: { "content-type": "application/json" } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => {
            if (response.statusCode !== 200)
              reject(new Error(`stand-in admin ${method} ${path}: HTTP ${response.statusCode} ${text}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      request.on("error", reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
  return {
    caPath: info.caPath,
    proxyUrl: info.proxyUrl,
    /** {total, assumeRole, byAction, ...} since the last reset. */
    counts: () => admin("GET", "/counts"),
    reset: () => admin("POST", "/reset", {}),
    setDelayMs: (ms) => admin("POST", "/delay", { ms }),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}
