/**
 * Transport: the HTTPS server, the CONNECT proxy front door, and startFakeAwsServer() (in this
 * thread: tests use index.ts).
 */
import { rm } from "node:fs/promises";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Server } from "node:net";
import { createCertificates } from "./certs.js";
import { Connections } from "./connections.js";
import { FakeAwsControls } from "./controls.js";
import { Directory } from "./directory.js";
import { Faults } from "./faults.js";
import { type FakeState, handleRequest } from "./handler.js";
import { RequestLog } from "./log.js";
import type { AccountConfig, RoleConfig, Scenario } from "./model.js";
import { createConnectProxy } from "./proxy.js";
import { allHostNames } from "./regions.js";
import { seedScenario } from "./seed.js";

export interface FakeAwsOptions {
  /** Direct HTTPS listener (default 127.0.0.1:0); `false` for none. */
  listen?: { host: string; port: number } | false;
  /** Plain-HTTP CONNECT proxy listener (default true, on 127.0.0.1:0). */
  proxy?: boolean | { host?: string; port?: number };
  /** Where to write the CA and server certificate (default: a new temp folder, removed on close). */
  certDir?: string;
  /** Accounts, roles and MFA codes (default: seedScenario()). */
  scenario?: Scenario;
  /** Shorthand for `scenario` (used when `scenario` is absent). */
  accounts?: AccountConfig[];
  roles?: RoleConfig[];
  mfaCodes?: Record<string, string>;
  delayMs?: number;
  clockOffsetMs?: number;
}

export class FakeAwsServer extends FakeAwsControls {
  constructor(
    state: FakeState,
    readonly caPath: string,
    readonly certDir: string,
    /** e.g. `https://127.0.0.1:443` (undefined without a direct listener). */
    readonly directUrl: string | undefined,
    /** e.g. `http://127.0.0.1:41234` (undefined without proxy). */
    readonly proxyUrl: string | undefined,
    private readonly shutdown: () => Promise<void>,
  ) {
    super(state);
  }

  /** Every host name served (all are in the certificate). */
  hostNames(): string[] {
    return allHostNames();
  }

  /** /etc/hosts text mapping every served host name to `ip`. */
  hostsFileLines(ip = "127.0.0.1"): string {
    return `127.0.0.1 localhost\n${allHostNames()
      .map((h) => `${ip} ${h}`)
      .join("\n")}\n`;
  }

  close(): Promise<void> {
    return this.shutdown();
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const urlHost = (h: string): string => (h.includes(":") ? `[${h}]` : h);

function scenarioOf(o: FakeAwsOptions): Scenario {
  if (o.scenario) return o.scenario;
  if (!o.accounts) return seedScenario();
  return { accounts: o.accounts, roles: o.roles ?? [], ...(o.mfaCodes ? { mfaCodes: o.mfaCodes } : {}) };
}

const closeServer = (srv: Server): Promise<void> =>
  new Promise((resolve) => (srv.listening ? srv.close(() => resolve()) : resolve()));

/** Starts the fake: certificates, HTTPS server (direct listener) and CONNECT proxy. */
export async function startFakeAwsServer(options: FakeAwsOptions = {}): Promise<FakeAwsServer> {
  const certs = await createCertificates(options.certDir);
  const conns = new Connections();
  const state: FakeState = {
    dir: new Directory(scenarioOf(options)),
    faults: new Faults(),
    log: new RequestLog(),
    delayMs: options.delayMs ?? 0,
    clockOffsetMs: options.clockOffsetMs ?? 0,
    hanging: new Set(),
    connectHostOf: (req) => conns.connectHostOf(req),
  };
  const https = createHttpsServer({ key: certs.key, cert: certs.cert, keepAliveTimeout: 30_000 }, (req, res) => {
    handleRequest(state, req, res).catch((err: unknown) =>
      res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  });
  https.on("connection", conns.track).on("tlsClientError", () => undefined);
  const proxy = options.proxy === false ? undefined : createConnectProxy(https, state.log, conns.tunnel);
  proxy?.on("connection", conns.track);
  let closed: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (closed ??= (async () => {
      for (const res of state.hanging) res.destroy();
      state.hanging.clear();
      conns.destroyAll();
      await Promise.all([closeServer(https), ...(proxy ? [closeServer(proxy)] : [])]);
      if (certs.createdDir) await rm(certs.dir, { recursive: true, force: true });
    })());
  try {
    const direct = options.listen === false ? undefined : (options.listen ?? { host: "127.0.0.1", port: 0 });
    const directUrl = direct && `https://${urlHost(direct.host)}:${await listen(https, direct.host, direct.port)}`;
    const p = typeof options.proxy === "object" ? options.proxy : {};
    const proxyHost = p.host ?? "127.0.0.1";
    const proxyUrl = proxy && `http://${urlHost(proxyHost)}:${await listen(proxy, proxyHost, p.port ?? 0)}`;
    return new FakeAwsServer(state, certs.caPath, certs.dir, directUrl, proxyUrl, shutdown);
  } catch (err) {
    await shutdown();
    throw err;
  }
}
