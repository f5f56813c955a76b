// A minimal PostgreSQL client (protocol 3.0, simple queries, SCRAM-SHA-256 /
// md5 / password / trust authentication), so the app needs no npm packages.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { connect } from "./wire.js";

/** Runs one SQL statement and returns its rows as objects of strings. */
export async function query(url, sql) {
  const target = new URL(url);
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  const database = target.pathname.slice(1) || user;
  const connection = await connect(target.hostname, Number(target.port || 5432));
  try {
    const parameters = Buffer.from(`user\0${user}\0database\0${database}\0\0`);
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + parameters.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    connection.write(Buffer.concat([startup, parameters]));
    await authenticate(connection, user, password);
    connection.write(message("Q", Buffer.from(`${sql}\0`)));
    return await readRows(connection);
  } finally {
    connection.write(message("X", Buffer.alloc(0)));
    connection.close();
  }
}

function message(type, body) {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

async function readMessage(connection) {
  const header = await connection.read(5);
  const body = await connection.read(header.readInt32BE(1) - 4);
  const type = String.fromCharCode(header[0]);
  if (type === "E") throw new Error(`postgres: ${errorText(body)}`);
  return { type, body };
}

function errorText(body) {
  const fields = {};
  for (let at = 0; body[at] !== 0 && at < body.length; ) {
    const end = body.indexOf(0, at + 1);
    fields[String.fromCharCode(body[at])] = body.toString("utf8", at + 1, end);
    at = end + 1;
  }
  return fields.M ?? "unknown error";
}

async function authenticate(connection, user, password) {
  let scram;
  for (;;) {
    const { type, body } = await readMessage(connection);
    if (type === "Z") return; // ready for query
    if (type !== "R") continue; // parameter status, backend key data, notices
    const code = body.readInt32BE(0);
    if (code === 3) connection.write(message("p", Buffer.from(`${password}\0`)));
    else if (code === 5) {
      const inner = md5(password + user);
      connection.write(message("p", Buffer.from(`md5${md5(Buffer.concat([Buffer.from(inner), body.subarray(4, 8)]))}\0`)));
    } else if (code === 10) {
      scram = { nonce: randomBytes(18).toString("base64") };
      scram.clientFirstBare = `n=*,r=${scram.nonce}`;
      const first = Buffer.from(`n,,${scram.clientFirstBare}`);
      const length = Buffer.alloc(4);
      length.writeInt32BE(first.length);
      connection.write(message("p", Buffer.concat([Buffer.from("SCRAM-SHA-256\0"), length, first])));
    } else if (code === 11) connection.write(message("p", Buffer.from(scramFinal(scram, password, body.toString("utf8", 4)))));
    else if (code !== 0 && code !== 12) throw new Error(`postgres: unsupported authentication method ${code}`);
  }
}

function scramFinal(scram, password, serverFirst) {
  const fields = Object.fromEntries(serverFirst.split(",").map((field) => [field[0], field.slice(2)]));
  if (!fields.r.startsWith(scram.nonce)) throw new Error("postgres: SCRAM server nonce mismatch");
  const salted = pbkdf2Sync(password, Buffer.from(fields.s, "base64"), Number(fields.i), 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const withoutProof = `c=biws,r=${fields.r}`;
  const signature = createHmac("sha256", storedKey).update(`${scram.clientFirstBare},${serverFirst},${withoutProof}`).digest();
  const proof = clientKey.map((byte, i) => byte ^ signature[i]);
  return `${withoutProof},p=${Buffer.from(proof).toString("base64")}`;
}

async function readRows(connection) {
  let columns = [];
  const rows = [];
  for (;;) {
    const { type, body } = await readMessage(connection);
    if (type === "Z") return rows;
    if (type === "T") columns = columnNames(body);
    if (type === "D") rows.push(rowValues(body, columns));
  }
}

function columnNames(body) {
  const names = [];
  let at = 2;
  for (let i = 0; i < body.readInt16BE(0); i++) {
    const end = body.indexOf(0, at);
    names.push(body.toString("utf8", at, end));
    at = end + 1 + 18; // table oid, column number, type oid, size, modifier, format
  }
  return names;
}

function rowValues(body, columns) {
  const row = {};
  let at = 2;
  for (const name of columns) {
    const length = body.readInt32BE(at);
    at += 4;
    row[name] = length < 0 ? null : body.toString("utf8", at, at + length);
    at += Math.max(length, 0);
  }
  return row;
}

const md5 = (input) => createHash("md5").update(input).digest("hex");
