import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toUtcZ } from "../output/process-json";
import type { Credentials } from "./types";

/**
 * A credentials endpoint in the container-credentials protocol, which every SDK and the AWS CLI
 * read: GET AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN as the
 * Authorization header, answered with {"AccessKeyId","SecretAccessKey","Token","Expiration"}.
 * Plain http is accepted by the SDKs only for loopback addresses, so it listens on 127.0.0.1.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
 * https://docs.rs/aws-config/latest/aws_config/ecs/index.html (the JSON shape and error body)
 */
export interface ContainerEndpoint {
  /** For AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  url: string;
  /** For AWS_CONTAINER_AUTHORIZATION_TOKEN: random for each endpoint. */
  token: string;
  close(): Promise<void>;
}

export interface EndpointOptions {
  /** Credentials for one request: from the cache, or refreshed through the usual locked path. */
  provide(): Promise<Credentials>;
  /** A failure to get credentials (one line, never a secret): told to the user on stderr. */
  onError(error: unknown): string;
}

export async function startContainerEndpoint(options: EndpointOptions): Promise<ContainerEndpoint> {
  const token = randomBytes(32).toString("base64url");
  const expected = Buffer.from(token);
  // Concurrent requests share one lookup: the SDKs of a busy child may ask in parallel.
  let pending: Promise<Credentials> | undefined;
  const provide = () => (pending ??= options.provide().finally(() => (pending = undefined)));
  const server = createServer((req, res) => {
    if (!authorized(req, expected)) {
      // Nothing but the status: no hint of what the endpoint serves.
      res.writeHead(401, { "Content-Length": "0" }).end();
      return;
    }
    void answer(req, res, provide, options.onError);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/credentials`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  provide: () => Promise<Credentials>,
  onError: (error: unknown) => string,
): Promise<void> {
  if (req.method !== "GET" || req.url !== "/credentials") {
    send(res, 404, { code: "NotFound", message: "GET /credentials" });
    return;
  }
  try {
    const c = await provide();
    send(res, 200, {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      Token: c.sessionToken,
      Expiration: toUtcZ(c.expiration),
      AccountId: c.accountId,
    });
  } catch (error) {
    send(res, 500, { code: "CredentialsError", message: onError(error) });
  }
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
}
