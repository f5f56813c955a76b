// The few lines of RESP (Redis's protocol) this app needs: send one command, read its reply.
import { connect } from "./wire.js";

export async function redisCommand(url, ...args) {
  const { hostname, port } = new URL(url);
  const connection = await connect(hostname, Number(port || 6379));
  try {
    const parts = args.map(String);
    connection.write(`*${parts.length}\r\n` + parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join(""));
    return await readReply(connection);
  } finally {
    connection.close();
  }
}

async function readReply(connection) {
  const line = await connection.readLine();
  const [kind, rest] = [line[0], line.slice(1)];
  if (kind === "+") return rest;
  if (kind === "-") throw new Error(`redis: ${rest}`);
  if (kind === ":") return Number(rest);
  if (kind === "$") {
    if (rest === "-1") return null;
    const bytes = await connection.read(Number(rest) + 2);
    return bytes.toString("utf8", 0, bytes.length - 2);
  }
  if (kind === "*") {
    const items = [];
    for (let i = 0; i < Number(rest); i++) items.push(await readReply(connection));
    return items;
  }
  throw new Error(`redis: unexpected reply ${JSON.stringify(line)}`);
}
