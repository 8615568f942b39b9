import { createHash } from "node:crypto";
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";

// PGlite does not lock its data directory, and two processes on one directory silently lose
// committed rows. We hold a lock that the kernel releases when the process dies, even by
// kill -9: a listening socket in Linux's abstract namespace named after the directory's real
// path. Binding is atomic, so of two processes starting at once exactly one wins.
// (Abstract sockets are per network namespace: two containers sharing one volume are not
// protected; run one app process per embedded data folder.)

export class DataDirInUseError extends Error {
  readonly dir: string;
  constructor(dir: string) {
    super(
      `The data folder ${dir} is already in use by another Lotse process. ` +
        `The embedded database can be opened by one process only: stop the other process, ` +
        `choose another DATA_DIR, or set DATABASE_URL to use PostgreSQL for several processes.`,
    );
    this.name = "DataDirInUseError";
    this.dir = dir;
  }
}

export type DataDirLock = { release(): Promise<void> };

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true });
  const real = realpathSync(dir);
  const name = `\0lotse-data-${createHash("sha256").update(real).digest("hex").slice(0, 40)}`;
  const server = createServer((socket) => socket.end(`${process.pid}\n`));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new DataDirInUseError(real) : error));
    server.listen({ path: name, exclusive: true }, () => resolve());
  });
  server.unref();
  // For people looking at the folder; the lock itself is the socket, not this file.
  writeFileSync(join(real, "lotse.pid"), `${process.pid}\n`);
  return { release: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
