/**
 * Live sockets held by a Durable Object through the WebSocket Hibernation API: the object may be
 * evicted from memory while its sockets stay open, so idle subscribers cost nothing, and the runtime
 * answers a client's "ping" with "pong" without waking it.
 */
export function keepSocketsAlive(ctx: DurableObjectState): void {
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
}

/** Accepts a subscriber and sends it what it must know first; the 101 goes back to the client. */
export function acceptSubscriber(ctx: DurableObjectState, first: readonly unknown[]): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  ctx.acceptWebSocket(server);
  for (const message of first) server.send(JSON.stringify(message));
  return new Response(null, { status: 101, webSocket: client });
}

/** Sends one message to every subscriber; a socket that is closing is skipped, not an error. */
export function broadcast(ctx: DurableObjectState, message: unknown): number {
  const text = JSON.stringify(message);
  let sent = 0;
  for (const socket of ctx.getWebSockets()) {
    try {
      socket.send(text);
      sent++;
    } catch {
      // Closed between getWebSockets and send: it will not be listed next time.
    }
  }
  return sent;
}

/** Completes a close the client started (subscribers send nothing else). */
export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  try {
    // 1005 and 1006 say no code was given or the connection dropped; they cannot be sent back.
    socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  } catch {
    // Already closed.
  }
}
