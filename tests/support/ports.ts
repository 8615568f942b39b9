import { type AddressInfo, createServer } from "node:net";

/**
 * A TCP port that was free a moment ago, chosen by the operating system: servers that tests
 * start themselves never collide with another run's (or another developer's) on one machine.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
