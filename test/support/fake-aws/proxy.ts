/** The plain-HTTP CONNECT front door: tunnels to known AWS host names reach the HTTPS server. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Socket } from "node:net";
import type { RequestLog } from "./log.js";
import { isKnownHost } from "./regions.js";

/**
 * `https` receives each accepted tunnel as a new connection; `onTunnel` learns its CONNECT host.
 * Requests other than CONNECT get 405; CONNECT to unknown hosts or ports other than 443 get 403.
 */
export function createConnectProxy(
  https: Server,
  log: RequestLog,
  onTunnel: (socket: Socket, host: string) => void,
): Server {
  const proxy = createServer((_req, res) => {
    res.writeHead(405, { "Content-Type": "text/plain" }).end("fake-aws proxy only supports CONNECT\n");
  });
  proxy.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = req.url ?? "";
    const colon = target.lastIndexOf(":");
    const host = (colon < 0 ? target : target.slice(0, colon)).toLowerCase();
    const port = colon < 0 ? "443" : target.slice(colon + 1);
    log.recordConnect(host);
    socket.on("error", () => undefined);
    if (!isKnownHost(host) || port !== "443") {
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    onTunnel(socket, host);
    if (head.length > 0) socket.unshift(head);
    https.emit("connection", socket);
  });
  return proxy;
}
