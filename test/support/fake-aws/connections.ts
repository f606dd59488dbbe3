/** Open sockets (to destroy on close) and the CONNECT target of each proxied tunnel. */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// A TLS socket wrapping a tunnel reports the tunnel's addresses and ports, so they identify it.
const peerKey = (s: Socket): string => `${s.remoteAddress ?? ""}|${s.remotePort ?? ""}|${s.localPort ?? ""}`;

export class Connections {
  private readonly sockets = new Set<Socket>();
  private readonly tunnels = new Map<string, string>();

  /** Listener for a server's 'connection' event. */
  readonly track = (s: Socket): void => {
    if (this.sockets.has(s)) return;
    this.sockets.add(s);
    s.on("close", () => {
      this.sockets.delete(s);
      this.tunnels.delete(peerKey(s));
    });
  };

  /** Remembers the CONNECT host of a tunnel socket. */
  readonly tunnel = (s: Socket, host: string): void => {
    this.tunnels.set(peerKey(s), host);
  };

  connectHostOf(req: IncomingMessage): string | undefined {
    return this.tunnels.get(peerKey(req.socket));
  }

  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.tunnels.clear();
  }
}
