// A stand-in for clamd that speaks its TCP protocol (PING, and INSTREAM with length-prefixed
// chunks and NUL-terminated replies) and "detects" one thing: the EICAR test string. It tests
// Lotse's side of the protocol; real ClamAV signatures cannot be downloaded on these machines.
// (clamd.server.test.ts also runs a real clamd when one is installed.)
import { createServer, type Server, type Socket } from "node:net";

export const eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

export type ClamdStub = { port: number; scanned: number; close(): Promise<void> };

export type StubOptions = {
  /** Bytes above which it answers like clamd over its StreamMaxLength. */
  streamMaxLength?: number;
  /** Never answer (to test time-outs). */
  silent?: boolean;
};

export async function startClamdStub(options: StubOptions = {}): Promise<ClamdStub> {
  const sockets = new Set<Socket>();
  const stub = { port: 0, scanned: 0, close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = Buffer.alloc(0);
    let command: string | null = null;
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (command === null) {
        const end = buffer.indexOf(0);
        if (end === -1) return;
        command = buffer.subarray(0, end).toString("latin1");
        buffer = buffer.subarray(end + 1);
        if (options.silent) return;
        if (command === "zPING") return void socket.end("PONG\0");
        if (command !== "zINSTREAM") return void socket.end("UNKNOWN COMMAND\0");
      }
      if (options.silent) return;
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          stub.scanned += 1;
          const content = Buffer.concat(chunks).toString("latin1");
          return void socket.end(content.includes(eicar) ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0");
        }
        if (buffer.length < 4 + length) return;
        chunks.push(buffer.subarray(4, 4 + length));
        received += length;
        buffer = buffer.subarray(4 + length);
        if (options.streamMaxLength !== undefined && received > options.streamMaxLength) {
          return void socket.end("INSTREAM size limit exceeded. ERROR\0");
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.port = (server.address() as { port: number }).port;
  stub.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return stub;
}
