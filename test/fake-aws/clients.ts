/** Real-client helpers for the fake-aws tests: the JS SDK through the fake's proxy or direct listener. */
import { readFileSync } from "node:fs";
import https from "node:https";
import type { Duplex } from "node:stream";
import { connect } from "node:tls";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { HttpsProxyAgent } from "https-proxy-agent";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type FakeAws, startFakeAws } from "../support/fake-aws/index.js";

/**
 * A test file's stand-in: started (and handed to `set`) before all tests, closed after them;
 * before each, an empty log and no faults, delay or clock offset.
 */
export function useFakeAws(set: (fake: FakeAws) => void): void {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws();
    set(fake);
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.resetLog();
    fake.clearFaults();
    fake.setDelayMs(0);
    fake.setClockOffsetMs(0);
  });
}

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type ConnectArgs = Parameters<HttpsProxyAgent<string>["connect"]>;

/**
 * HttpsProxyAgent uses its constructor's TLS options only for the hop to the proxy
 * (it resets `this.options`), so the CA for the tunnelled TLS must be added per connection.
 */
export class CaProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxyUrl: string,
    private readonly ca: Buffer,
  ) {
    super(proxyUrl, { keepAlive: true });
  }

  override connect(req: ConnectArgs[0], opts: ConnectArgs[1]) {
    return super.connect(req, Object.assign({}, opts, { ca: this.ca }));
  }
}

/** Sends every connection to the fake's direct listener, keeping the real host name for SNI and Host. */
export class DirectAgent extends https.Agent {
  constructor(
    private readonly address: URL,
    ca: Buffer,
  ) {
    super({ ca, keepAlive: true });
  }

  override createConnection(options: https.RequestOptions): Duplex {
    const servername = options.servername ?? options.hostname ?? options.host ?? undefined;
    return connect({
      ca: options.ca,
      host: this.address.hostname,
      port: Number(this.address.port),
      ...(servername ? { servername } : {}),
    });
  }
}

/** Where a running fake (in-process or standalone) can be reached. */
export type FakeAddress = Pick<FakeAws, "caPath" | "proxyUrl" | "directUrl">;

/** An https.Agent reaching the fake by proxy (default) or by its direct listener. */
export function agentFor(fake: FakeAddress, via: "proxy" | "direct" = "proxy"): https.Agent {
  const ca = readFileSync(fake.caPath);
  if (via === "direct") {
    if (fake.directUrl === undefined) throw new Error("fake started without a direct listener");
    return new DirectAgent(new URL(fake.directUrl), ca);
  }
  if (fake.proxyUrl === undefined) throw new Error("fake started without proxy");
  return new CaProxyAgent(fake.proxyUrl, ca);
}

export interface StsClientOptions {
  region: string;
  credentials: KeyPair;
  /** Use sts.amazonaws.com (the legacy global endpoint). */
  global?: boolean;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  via?: "proxy" | "direct";
}

/** An STSClient whose HTTPS reaches the fake and trusts only its CA. */
export function stsClientVia(fake: FakeAddress, opts: StsClientOptions): STSClient {
  return new STSClient({
    region: opts.region,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts ?? 1,
    ...(opts.global ? { useGlobalEndpoint: true } : {}),
    requestHandler: new NodeHttpHandler({
      httpsAgent: agentFor(fake, opts.via),
      connectionTimeout: 3000,
      requestTimeout: opts.requestTimeoutMs ?? 5000,
      throwOnRequestTimeout: true,
    }),
  });
}

/** The `name` (error code) of a rejected SDK call. */
export async function errorCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof Error ? err.name : String(err);
  }
  throw new Error("expected the call to fail");
}

/** The error of a call that must fail (with the SDK's $metadata when it is a service error). */
export async function errorOf(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`not an Error: ${String(err)}`);
  }
  throw new Error("expected the call to fail");
}
