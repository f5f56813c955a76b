/**
 * A host port nothing listens on right now, for stacks that publish on the
 * loopback interface: the kernel picks it, so parallel runs do not collide.
 */
import { createServer } from "node:net";

/** Binds 127.0.0.1:0, reads the port the kernel chose, and releases it. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new Error(`unexpected listen address ${String(address)}`));
        else resolve(address.port);
      });
    });
  });
}
