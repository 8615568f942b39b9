// Virus scanning through ClamAV's daemon, when CLAMD_HOST is set: the bytes go over TCP with
// the INSTREAM command (so clamd needs no access to our files). If clamd is configured but
// cannot give a verdict (down, slow, or refusing the size), the upload is refused as "scanning
// unavailable, try later" rather than stored unscanned.
import { Socket } from "node:net";

export type ClamdAddress = { host: string; port: number };

export type ScanResult = { verdict: "clean" } | { verdict: "infected"; signature: string } | { verdict: "unavailable"; detail: string };

const chunkSize = 64 * 1024;

type Options = { timeoutMs?: number };

/** Sends one z-command (NUL-terminated) with an optional body and reads the NUL-terminated reply. */
function converse(address: ClamdAddress, command: string, body: Uint8Array | null, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const replies: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | null, reply?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply ?? "");
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", (error) => finish(error));
    socket.on("data", (data) => {
      replies.push(data);
      const all = Buffer.concat(replies);
      const end = all.indexOf(0);
      if (end !== -1) finish(null, all.subarray(0, end).toString("utf8"));
    });
    socket.on("close", () => finish(new Error("connection closed without an answer")));
    socket.connect(address.port, address.host, () => {
      socket.write(`z${command}\0`);
      if (body) {
        for (let at = 0; at < body.length; at += chunkSize) {
          const chunk = body.subarray(at, Math.min(at + chunkSize, body.length));
          const length = Buffer.alloc(4);
          length.writeUInt32BE(chunk.length);
          socket.write(length);
          socket.write(chunk);
        }
        socket.write(Buffer.alloc(4));
      }
    });
  });
}

/** Scans the bytes with clamd's INSTREAM. Never throws: a failure is the verdict "unavailable". */
export async function scanWithClamd(address: ClamdAddress, bytes: Uint8Array, options: Options = {}): Promise<ScanResult> {
  let reply: string;
  try {
    reply = await converse(address, "INSTREAM", bytes, options.timeoutMs ?? 30_000);
  } catch (error) {
    return { verdict: "unavailable", detail: error instanceof Error ? error.message : String(error) };
  }
  // "stream: OK", "stream: <signature> FOUND", or "<problem> ERROR" (e.g. the size limit).
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { verdict: "infected", signature: found[1]! };
  if (reply === "stream: OK") return { verdict: "clean" };
  return { verdict: "unavailable", detail: reply || "empty answer" };
}

/** Whether clamd answers PING with PONG (for health checks, and to wait for it to start). */
export async function pingClamd(address: ClamdAddress, options: Options = {}): Promise<boolean> {
  try {
    return (await converse(address, "PING", null, options.timeoutMs ?? 5_000)) === "PONG";
  } catch {
    return false;
  }
}
