/** One HTTPS request: route by Host, inject faults, authenticate, run the action, log. */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AuthNotes, authenticate } from "./auth.js";
import type { ActionNotes } from "./context.js";
import type { Directory } from "./directory.js";
import { handleEc2 } from "./ec2.js";
import { type ActiveFault, errorDefaults, type Faults } from "./faults.js";
import { handleFederation, signinPartition } from "./federation.js";
import { handleIam } from "./iam.js";
import type { LogEntry, RequestLog } from "./log.js";
import { type Endpoint, parseHost, stripPort } from "./regions.js";
import { handleSsoPortal, isSsoPortalHost } from "./sso.js";
import { handleSts } from "./sts.js";
import { AwsError, ec2ErrorFor, errorBody } from "./xml.js";

export interface FakeState {
  dir: Directory;
  faults: Faults;
  log: RequestLog;
  delayMs: number;
  clockOffsetMs: number;
  /** Responses held open by `hang` faults (destroyed on close). */
  hanging: Set<ServerResponse>;
  connectHostOf(req: IncomingMessage): string | undefined;
}

/** One request in flight. */
interface Exchange {
  state: FakeState;
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  params: Map<string, string>;
  entry: Omit<LogEntry, "seq">;
  requestId: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Query string, then (for POST) the form-urlencoded body. */
function readParams(req: IncomingMessage, body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  if (q >= 0) for (const [k, v] of new URLSearchParams(url.slice(q + 1))) params.set(k, v);
  const type = String(req.headers["content-type"] ?? "");
  if (req.method === "POST" && (type === "" || type.startsWith("application/x-www-form-urlencoded"))) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.set(k, v);
  }
  return params;
}

async function send(x: Exchange, status: number, text: string, type: string, extraDelayMs = 0): Promise<void> {
  await sleep(x.state.delayMs + extraDelayMs);
  x.res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": x.requestId,
    // Clients correct clock skew from this header, so it follows the (offset) server clock.
    Date: new Date(Date.now() + x.state.clockOffsetMs).toUTCString(),
  });
  x.res.end(text);
}

async function sendError(x: Exchange, ep: Endpoint, err: AwsError, fault?: ActiveFault): Promise<void> {
  const e = ep.service === "ec2" ? ec2ErrorFor(err) : err;
  x.state.log.add({ ...x.entry, status: e.status, errorCode: e.code, ...(fault ? { fault: fault.kind } : {}) });
  await send(x, e.status, errorBody(ep.service, e, x.requestId), "text/xml", fault?.delayMs);
}

async function applyFault(x: Exchange, ep: Endpoint, fault: ActiveFault): Promise<void> {
  if (fault.kind === "hang" || fault.kind === "reset") {
    x.state.log.add({ ...x.entry, fault: fault.kind });
    if (fault.kind === "reset") x.req.socket.destroy();
    else x.state.hanging.add(x.res);
    return;
  }
  if (fault.kind === "nonXml") {
    const status = fault.status ?? 502;
    x.state.log.add({ ...x.entry, status, fault: "nonXml" });
    const body = fault.body ?? "<html><body><h1>502 Bad Gateway</h1></body></html>\n";
    await send(x, status, body, "text/html", fault.delayMs);
    return;
  }
  const code = fault.code ?? "InternalFailure";
  const d = errorDefaults(code);
  await sendError(x, ep, new AwsError(code, fault.message ?? d.message, fault.status ?? d.status), fault);
}

async function serve(x: Exchange, ep: Endpoint, action: string | undefined): Promise<void> {
  const nowMs = Date.now() + x.state.clockOffsetMs;
  const auth: AuthNotes = {};
  const notes: ActionNotes = {};
  try {
    const received = {
      method: x.req.method ?? "GET",
      url: x.req.url ?? "/",
      rawHeaders: x.req.rawHeaders,
      body: x.body,
    };
    const caller = authenticate(received, ep, x.state.dir, nowMs, auth);
    if (action === undefined) throw new AwsError("MissingAction", "Missing Action", 400);
    const ctx = {
      endpoint: ep,
      action,
      params: x.params,
      caller,
      dir: x.state.dir,
      nowMs,
      requestId: x.requestId,
      notes,
    };
    const xml = ep.service === "ec2" ? handleEc2(ctx) : ep.service === "iam" ? handleIam(ctx) : handleSts(ctx);
    x.state.log.add({ ...x.entry, ...auth, ...notes, status: 200 });
    await send(x, 200, xml, "text/xml");
  } catch (err) {
    Object.assign(x.entry, auth, notes);
    const e = err instanceof AwsError ? err : new AwsError("InternalFailure", `fake-aws bug: ${String(err)}`, 500);
    await sendError(x, ep, e);
  }
}

/** Which call and attempt the AWS SDKs say this is (headers every SDK v3 request carries). */
function sdkAttemptOf(req: IncomingMessage): Pick<LogEntry, "invocationId" | "sdkAttempt"> {
  const id = req.headers["amz-sdk-invocation-id"];
  const attempt = /attempt=(\d+)/.exec(String(req.headers["amz-sdk-request"] ?? ""))?.[1];
  return {
    ...(typeof id === "string" ? { invocationId: id } : {}),
    ...(attempt ? { sdkAttempt: Number(attempt) } : {}),
  };
}

export async function handleRequest(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const host = stripPort(req.headers.host ?? "").toLowerCase();
  const connectHost = state.connectHostOf(req);
  const entry: Omit<LogEntry, "seq"> = {
    time: new Date().toISOString(),
    host,
    status: 0,
    ...(connectHost === undefined ? {} : { connectHost }),
    ...sdkAttemptOf(req),
  };
  const x: Exchange = { state, req, res, body, params: readParams(req, body), entry, requestId: randomUUID() };
  if (signinPartition(host) !== undefined) {
    await sleep(state.delayMs);
    handleFederation(state, req, res, entry);
    return;
  }
  if (isSsoPortalHost(host)) {
    await sleep(state.delayMs);
    handleSsoPortal(state, req, res, entry);
    return;
  }
  const ep = parseHost(host);
  if (!ep) {
    state.log.add({ ...entry, status: 404, errorCode: "UnknownHost" });
    await send(x, 404, `No fake AWS endpoint for host '${host}'\n`, "text/plain");
    return;
  }
  const action = x.params.get("Action");
  Object.assign(entry, { service: ep.service, region: ep.region, ...(action === undefined ? {} : { action }) });
  const fault = state.faults.take({ host, service: ep.service, ...(action === undefined ? {} : { action }) });
  if (fault) await applyFault(x, ep, fault);
  else await serve(x, ep, action);
}
