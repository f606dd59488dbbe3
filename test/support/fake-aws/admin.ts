/** Plain-HTTP admin endpoint on loopback: read the log and counters, set faults, delay, clock. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeAwsControls } from "./controls.js";
import type { FaultSpec } from "./faults.js";

export interface AdminServer {
  url: string;
  close(): Promise<void>;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (text += c));
    req.on("end", () => {
      try {
        const v: unknown = text.trim() === "" ? {} : JSON.parse(text);
        if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("expected a JSON object");
        resolve(v as Record<string, unknown>);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    req.on("error", reject);
  });
}

function num(body: Record<string, unknown>, key: string): number {
  const v = body[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`"${key}" must be a number`);
  return v;
}

/**
 * Routes: GET /log, GET /counts, GET /faults, GET /health, POST /reset (log and counters),
 * POST /fault (FaultSpec), POST /faults/clear, POST /delay {"ms"}, POST /clock {"offsetMs"},
 * POST /mfa {"serial","code"}, POST /expire {"accessKeyId"?}.
 */
async function route(fake: FakeAwsControls, req: IncomingMessage): Promise<unknown> {
  const path = (req.url ?? "/").split("?")[0];
  const key = `${req.method ?? "GET"} ${path ?? "/"}`;
  if (key === "GET /health") return { ok: true };
  if (key === "GET /log") return fake.log;
  if (key === "GET /counts") return fake.counts();
  if (key === "GET /faults") return fake.faults();
  if (req.method !== "POST") return undefined;
  const body = await readJson(req);
  switch (path) {
    case "/reset":
      fake.resetLog();
      return { ok: true };
    case "/fault":
      return fake.injectFault(body as FaultSpec);
    case "/faults/clear":
      fake.clearFaults();
      return { ok: true };
    case "/delay":
      fake.setDelayMs(num(body, "ms"));
      return { ok: true };
    case "/clock":
      fake.setClockOffsetMs(num(body, "offsetMs"));
      return { ok: true };
    case "/mfa":
      fake.setMfaCode(String(body["serial"]), String(body["code"]));
      return { ok: true };
    case "/expire": {
      const id = body["accessKeyId"];
      return { expired: fake.expireCredentials(typeof id === "string" ? id : undefined) };
    }
    default:
      return undefined;
  }
}

export function startAdminServer(fake: FakeAwsControls, port = 0, host = "127.0.0.1"): Promise<AdminServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(fake, req).then(
      (out) => {
        const status = out === undefined ? 404 : 200;
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(`${JSON.stringify(out ?? { error: "not found" })}\n`);
      },
      (err: unknown) => {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(`${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: p } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${p}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
