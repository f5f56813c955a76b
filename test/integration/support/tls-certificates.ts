/**
 * Certificates for a Docker engine listening on TCP with `--tlsverify`,
 * made with `openssl` the way Docker's "Protect the Docker daemon socket"
 * guide makes them: a CA, a server certificate valid for 127.0.0.1, a client
 * certificate (extendedKeyUsage clientAuth). A second, unrelated CA signs the
 * certificates a test uses to see tsd refused or refusing.
 *
 * Each client folder holds `ca.pem`, `cert.pem` and `key.pem`, which is what
 * `DOCKER_CERT_PATH` points at.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The engine's side: what `dockerd --tlscacert --tlscert --tlskey` is given. */
export interface ServerTlsFiles {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** Every set of files a TLS test needs. */
export interface TlsCertificates {
  readonly server: ServerTlsFiles;
  /** The right CA and a client certificate it signed: the engine lets tsd in. */
  readonly goodClient: string;
  /** The right CA, but a client certificate signed by another CA: the engine refuses it. */
  readonly foreignClientCert: string;
  /** A good client certificate, but another CA as `ca.pem`: tsd must not trust the engine. */
  readonly foreignCa: string;
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  try {
    await run("openssl", args, { cwd });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`openssl ${args.join(" ")} failed: ${stderr ?? String(error)}`);
  }
}

/** Short-lived keys: P-256 is quick to generate and both Go's and Node's TLS accept it. */
const NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(["req", "-x509", ...NEW_KEY, "-keyout", `${name}-key.pem`, "-out", `${name}.pem`, "-days", "2", "-subj", `/CN=${name}`], dir);
}

/** A random serial instead of `-CAcreateserial`: no serial file, so one CA can sign in parallel. */
function serial(): string {
  return `0x${randomBytes(8).toString("hex")}`;
}

/** A key and a certificate for `commonName`, signed by the CA `caName`, with the given extensions. */
async function makeSigned(dir: string, caName: string, name: string, commonName: string, extensions: string): Promise<void> {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  await openssl(["req", "-new", ...NEW_KEY, "-keyout", `${name}-key.pem`, "-out", `${name}.csr`, "-subj", `/CN=${commonName}`], dir);
  await openssl(
    ["x509", "-req", "-in", `${name}.csr`, "-CA", `${caName}.pem`, "-CAkey", `${caName}-key.pem`, "-set_serial", serial(), "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.pem`],
    dir,
  );
}

/** A DOCKER_CERT_PATH folder: `ca.pem`, `cert.pem`, `key.pem` copied from the files made in `dir`. */
function certPath(dir: string, folder: string, caName: string, clientName: string): string {
  const path = join(dir, folder);
  mkdirSync(path);
  copyFileSync(join(dir, `${caName}.pem`), join(path, "ca.pem"));
  copyFileSync(join(dir, `${clientName}.pem`), join(path, "cert.pem"));
  copyFileSync(join(dir, `${clientName}-key.pem`), join(path, "key.pem"));
  return path;
}

/** Makes every certificate in `dir` (which must exist). */
export async function makeTlsCertificates(dir: string): Promise<TlsCertificates> {
  await Promise.all([makeCa(dir, "ca"), makeCa(dir, "other-ca")]);
  await Promise.all([
    makeSigned(dir, "ca", "server", "127.0.0.1", "subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n"),
    makeSigned(dir, "ca", "client", "tsd test client", "extendedKeyUsage = clientAuth\n"),
    makeSigned(dir, "other-ca", "foreign-client", "tsd foreign client", "extendedKeyUsage = clientAuth\n"),
  ]);
  return {
    server: { caFile: join(dir, "ca.pem"), certFile: join(dir, "server.pem"), keyFile: join(dir, "server-key.pem") },
    goodClient: certPath(dir, "good-client", "ca", "client"),
    foreignClientCert: certPath(dir, "foreign-client-cert", "ca", "foreign-client"),
    foreignCa: certPath(dir, "foreign-ca", "other-ca", "client"),
  };
}
