import { readFileSync } from "node:fs";
import https from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Agent, type AgentConnectOpts } from "agent-base";
import { HttpsProxyAgent } from "https-proxy-agent";
import { UserError } from "../errors";
import { proxyForUrl } from "./proxy";

export interface HttpOptions {
  env: Record<string, string | undefined>;
  /** AWS_CA_BUNDLE or ca_bundle: replaces the trusted CAs, as in the AWS CLI. */
  caBundle: string | undefined;
  caBundleOrigin?: string;
}

/** Chooses direct or proxied connections per host, so NO_PROXY is honoured for each request. */
class EnvProxyAgent extends Agent {
  private readonly direct: https.Agent;
  private readonly proxied = new Map<string, HttpsProxyAgent<string>>();
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly tls: https.AgentOptions,
  ) {
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
 * NODE_EXTRA_CA_CERTS too). Without it, Node's own store, with NODE_EXTRA_CA_CERTS added by Node.
 * https://nodejs.org/api/cli.html#node_extra_ca_certsfile
 */
function trustedCas(options: HttpOptions): tls.SecureContext | undefined {
  if (!options.caBundle) return undefined;
  let bundle: string;
  try {
    bundle = readFileSync(options.caBundle, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${options.caBundleOrigin ?? "AWS_CA_BUNDLE"}: cannot read ${options.caBundle} (${code})`,
      1,
      "CaBundle",
      { hint: "fix the path" },
    );
  }
  return tls.createSecureContext({ ca: bundle });
}
