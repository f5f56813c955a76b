// A socket read as a stream of byte chunks: `read(n)` resolves with exactly n
// bytes, so the protocol clients below read the way their specs are written.
import net from "node:net";

export async function connect(host, port) {
  const socket = net.connect({ host, port });
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let buffered = Buffer.alloc(0);
  let waiting = null;
  let failure = null;
  const wake = () => {
    if (waiting) {
      const { resolve } = waiting;
      waiting = null;
      resolve();
    }
  };
  socket.on("data", (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake();
  });
  socket.on("error", (error) => {
    failure = error;
    wake();
  });
  socket.on("close", () => {
    failure ??= new Error(`connection to ${host}:${port} closed`);
    wake();
  });
  async function read(length) {
    while (buffered.length < length) {
      if (failure) throw failure;
      await new Promise((resolve) => (waiting = { resolve }));
    }
    const bytes = buffered.subarray(0, length);
    buffered = buffered.subarray(length);
    return bytes;
  }
  async function readLine() {
    for (;;) {
      const end = buffered.indexOf("\r\n");
      if (end >= 0) return (await read(end + 2)).toString("utf8", 0, end);
      if (failure) throw failure;
      await new Promise((resolve) => (waiting = { resolve }));
    }
  }
  return { write: (bytes) => socket.write(bytes), read, readLine, close: () => socket.end() };
}
