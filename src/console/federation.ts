import { HttpRequest } from "@smithy/core/protocols";
import { type HttpOptions, makeRequestHandler } from "../credentials/http";

export interface FederationAnswer {
  status: number;
  body: string;
}

/**
 * One GET to the federation endpoint through the same handler as every STS call (proxy, CA
 * bundle, timeouts). Loads the SDK's HTTP handler, so it is part of the SDK bundle.
 */
export async function fetchFederation(url: string, options: HttpOptions): Promise<FederationAnswer> {
  const target = new URL(url);
  const handler = makeRequestHandler(options);
  const request = new HttpRequest({
    protocol: "https:",
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    method: "GET",
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { host: target.host, accept: "application/json" },
  });
  try {
    const { response } = await handler.handle(request);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    return { status: response.statusCode, body: Buffer.concat(chunks).toString("utf8") };
  } finally {
    handler.destroy();
  }
}
