/**
 * A loopback fake of Slack's Socket Mode WebSocket, for testing the adapter with SLACK_APP_TOKEN set.
 *
 *   const socket = await startSlackFakeSocket();
 *   const fake = await startSlackFakeApi({ socketUrl: socket.url });   // apps.connections.open answers socket.url
 *   ... start the adapter with appToken and apiUrl = fake.apiUrl ...
 *   socket.send({ envelope_id: "e1", type: "slash_commands", payload: {...}, accepts_response_payload: true });
 *   await socket.waitForAck("e1");
 *
 * Just enough of RFC 6455 for one client: the handshake, text/close/ping frames, client masking.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/** An envelope acknowledgement the client sent back. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export interface SlackFakeSocket {
  url: string;
  /** Resolves when a client has connected (and was sent `hello`). */
  connected: Promise<void>;
  /** Sends one envelope to the connected client. */
  send(envelope: object): void;
  acks: SocketAck[];
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** Parses as many complete client frames as `buffer` holds; returns them and the unread rest. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const opcode = buffer[offset]! & 0x0f;
    const masked = (buffer[offset + 1]! & 0x80) !== 0;
    let length = buffer[offset + 1]! & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length - cursor < 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length - cursor < 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    const maskLength = masked ? 4 : 0;
    if (buffer.length - cursor < maskLength + length) break;
    const mask = buffer.subarray(cursor, cursor + maskLength);
    const payload = Buffer.from(buffer.subarray(cursor + maskLength, cursor + maskLength + length));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
    frames.push({ opcode, payload });
    offset = cursor + maskLength + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/** Starts the fake socket server on 127.0.0.1 with a free port. */
export async function startSlackFakeSocket(): Promise<SlackFakeSocket> {
  const acks: SocketAck[] = [];
  let client: Duplex | undefined;
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
    const accept = createHash("sha1")
      .update(`${String(req.headers["sec-websocket-key"])}${GUID}`)
      .digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    client = socket;
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) {
        if (f.opcode === 0x1) acks.push(JSON.parse(f.payload.toString("utf8")) as SocketAck);
        else if (f.opcode === 0x9) socket.write(frame(0xa, f.payload));
        else if (f.opcode === 0x8) socket.end(frame(0x8, f.payload));
      }
    });
    socket.on("error", () => undefined);
    socket.write(
      frame(0x1, Buffer.from(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0SAMVERKA" } }))),
    );
    onConnected();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected,
    acks,
    send(envelope) {
      if (client === undefined) throw new Error("no Socket Mode client is connected");
      client.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
    },
    async waitForAck(envelopeId, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ack = acks.find((a) => a.envelope_id === envelopeId);
        if (ack !== undefined) return ack;
        if (Date.now() > deadline) throw new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        client?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
