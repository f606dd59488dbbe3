import https from "node:https";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import { readFileSync } from "node:fs";
import { Agent, type AgentConnectOpts } from "agent-base";
import { HttpsProxyAgent } from "https-proxy-agent";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { UserError } from "../errors";
import { proxyForUrl } from "./proxy";

export interface HttpOptions {
  env: Record<string, string | undefined>;
  /** AWS_CA_BUNDLE or ca_bundle: replaces the trusted CAs, as in the AWS CLI. */
  caBundle: string | undefined;
  caBundleOrigin?: string;
  /** NODE_EXTRA_CA_CERTS that Node did not load at start: added to Node's own CAs, as Node would. */
  extraCaCerts?: string;
  warn?(message: string): void;
}

/** Chooses direct or proxied connections per host, so NO_PROXY is honoured for each request. */
class EnvProxyAgent extends Agent {
  private readonly direct: https.Agent;
  private readonly proxied = new Map<string, HttpsProxyAgent<string>>();
  constructor(private readonly env: Record<string, string | undefined>, private readonly tls: https.AgentOptions) {
    super({ keepAlive: true });
    this.direct = new https.Agent({ ...tls, keepAlive: true });
  }
  override connect(_req: unknown, options: AgentConnectOpts): Duplex | https.Agent {
    const proxy = proxyForUrl(`https://${options.host}:${options.port}`, this.env);
    if (!proxy) return this.direct;
    // HttpsProxyAgent applies its own TLS options to the hop to the proxy only; the CA bundle
    // must reach the TLS session tunnelled to STS through the request's options.
    Object.assign(options, this.tls);
    let agent = this.proxied.get(proxy);
    if (!agent) {
      agent = new HttpsProxyAgent(proxy, { ...this.tls, keepAlive: true });
      this.proxied.set(proxy, agent);
    }
    return agent;
  }
}

const SILENT = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The request handler for every SDK client we create: proxy, CA bundle, bounded timeouts. */
export function makeRequestHandler(options: HttpOptions): NodeHttpHandler {
  // One context for every connection: given only `ca`, Node would parse the bundle again for each.
  const secureContext = trustedCas(options);
  const tlsOptions: https.AgentOptions = secureContext ? { secureContext } : {};
  return new NodeHttpHandler({
    httpsAgent: new EnvProxyAgent(options.env, tlsOptions) as unknown as https.Agent,
    connectionTimeout: 5_000,
    // Without throwOnRequestTimeout the handler only logs: a silent server would hang us until
    // the Go SDK kills the process after a minute. 3 attempts x 6 s stays well under that.
    requestTimeout: 6_000,
    throwOnRequestTimeout: true,
    logger: SILENT,
  });
}

/**
 * AWS_CA_BUNDLE or ca_bundle replaces the trusted CAs, as in the AWS CLI (and Node then ignores
 * NODE_EXTRA_CA_CERTS too). A deferred NODE_EXTRA_CA_CERTS extends Node's default CAs; like Node,
 * an unreadable one is ignored with a warning. https://nodejs.org/api/cli.html#node_extra_ca_certsfile
 */
function trustedCas(options: HttpOptions): tls.SecureContext | undefined {
  if (options.caBundle) {
    let bundle: string;
    try {
      bundle = readFileSync(options.caBundle, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(`${options.caBundleOrigin ?? "AWS_CA_BUNDLE"}: cannot read ${options.caBundle} (${code})`, 1, "CaBundle", { hint: "fix the path" });
    }
    return tls.createSecureContext({ ca: bundle });
  }
  if (!options.extraCaCerts) return undefined;
  let extra: string;
  try {
    extra = readFileSync(options.extraCaCerts, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    options.warn?.(`NODE_EXTRA_CA_CERTS: cannot read ${options.extraCaCerts} (${code}); ignoring it, as Node does; fix the path`);
    return undefined;
  }
  return withExtraCas(extra);
}

/**
 * Node's default CAs plus `pem`. Node 22.15+ lists its defaults (its own, or the system's with
 * --use-openssl-ca / --use-system-ca). Node 20 does not, and its tls.rootCertificates is not the
 * default store where Node was built or started to use the system's; there, as Node itself does
 * for NODE_EXTRA_CA_CERTS, the certificates go into a copy of the default store through the
 * context's addCACert.
 */
function withExtraCas(pem: string): tls.SecureContext {
  const node22 = tls as typeof tls & { getCACertificates?(type: "default"): string[] };
  if (node22.getCACertificates) return tls.createSecureContext({ ca: [...node22.getCACertificates("default"), pem] });
  const context = tls.createSecureContext();
  (context as unknown as { context: { addCACert(ca: string): void } }).context.addCACert(pem);
  return context;
}
