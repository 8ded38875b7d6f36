import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * Caps open connections without locking new clients out. A burst of idle or half-open
 * connections (connected, nothing or half a request sent) would otherwise hold file descriptors
 * until the headers timeout and starve everyone else; here a new connection over the cap closes
 * the least recently active idle one instead. Only when every connection is busy answering a
 * request is the new one refused.
 */
export class ConnectionGuard {
  /** Open sockets, least recently active first, with the number of requests each is answering. */
  private readonly sockets = new Map<Socket, number>();

  constructor(private readonly max: number) {}

  /** A connection arrived (`server.on("connection")`). */
  admit(socket: Socket): void {
    this.sockets.set(socket, 0);
    socket.once("close", () => this.sockets.delete(socket));
    if (this.sockets.size <= this.max) return;
    // At most `max` others to look at, oldest first: the Map keeps activity order.
    for (const [other, busy] of this.sockets) {
      if (other !== socket && busy === 0) return this.close(other);
    }
    this.close(socket);
  }

  /** A request arrived on `socket`; it counts as busy until `res` closes. */
  track(socket: Socket, res: ServerResponse): void {
    const busy = this.sockets.get(socket);
    if (busy === undefined) return;
    // Re-inserted at the end: it is now the most recently active.
    this.sockets.delete(socket);
    this.sockets.set(socket, busy + 1);
    res.once("close", () => {
      const now = this.sockets.get(socket);
      if (now !== undefined) this.sockets.set(socket, now - 1);
    });
  }

  /** How many connections are open. */
  get size(): number {
    return this.sockets.size;
  }

  private close(socket: Socket): void {
    this.sockets.delete(socket);
    socket.destroy();
  }
}
