/**
 * A TLS connection to the engine (`DOCKER_TLS_VERIFY=1`) that failed, worded
 * by which side said no. Node reports the two cases differently:
 *
 * - the engine refused tsd's client certificate: the handshake ends with an
 *   alert from the engine, `ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE` and the like
 *   (`dockerd --tlsverify` with a certificate its `--tlscacert` did not sign);
 * - tsd refused the engine's certificate: one of OpenSSL's verification codes
 *   (`UNABLE_TO_VERIFY_LEAF_SIGNATURE` when `ca.pem` did not sign it,
 *   `ERR_TLS_CERT_ALTNAME_INVALID` when it is for another host).
 *
 * Plus the two mix-ups of TLS and plain HTTP: tsd speaking TLS to a plain
 * engine, and plain HTTP to an engine that wants TLS.
 * `test/integration/faults/tls.test.ts` meets each against a real dockerd.
 */
import { join } from "node:path";
import { EngineUnavailableError } from "../../base/errors.js";
import type { EngineLocation, ModemErrorShape } from "./error-shapes.js";

/** Alerts the engine sends when it does not accept the client certificate. */
const CLIENT_CERTIFICATE_ALERT = /^ERR_SSL_(SSLV3|TLSV1|TLSV13)_ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_\w+|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED)$/;

/** OpenSSL's verification results, as what they say about the engine's certificate given the CA file tsd trusts. */
const SERVER_CERTIFICATE_PROBLEMS: Readonly<Record<string, (caFile: string) => string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (caFile) => `is not signed by the CA in ${caFile}`,
  UNABLE_TO_GET_ISSUER_CERT: (caFile) => `is not signed by the CA in ${caFile}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (caFile) => `is not signed by the CA in ${caFile}`,
  SELF_SIGNED_CERT_IN_CHAIN: (caFile) => `is not signed by the CA in ${caFile}`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (caFile) => `is self-signed, not signed by the CA in ${caFile}`,
  CERT_SIGNATURE_FAILURE: (caFile) => `has a signature that does not verify against the CA in ${caFile}`,
  CERT_UNTRUSTED: (caFile) => `is not trusted by the CA in ${caFile}`,
  CERT_HAS_EXPIRED: () => "has expired",
  CERT_NOT_YET_VALID: () => "is not valid yet",
};

/** OpenSSL's short reason (`sslv3 alert bad certificate`) rather than its one-line dump. */
function reasonOf(error: ModemErrorShape): string {
  if (typeof error.reason === "string") return error.reason;
  return typeof error.message === "string" ? error.message.trim() : String(error);
}

const CERT_PATH_HINT = "set DOCKER_CERT_PATH to the folder holding the ca.pem, cert.pem and key.pem made for this engine";

/**
 * The failure as a worded EngineUnavailableError when it is about TLS;
 * undefined otherwise.
 */
export function tlsFailure(shape: ModemErrorShape, location: EngineLocation): EngineUnavailableError | undefined {
  const code = typeof shape.code === "string" ? shape.code : "";
  const message = typeof shape.message === "string" ? shape.message : "";
  const certPath = location.certPath ?? "DOCKER_CERT_PATH";

  if (CLIENT_CERTIFICATE_ALERT.test(code)) {
    return new EngineUnavailableError(
      `the Docker engine at ${location.endpoint} refused tsd's TLS client certificate (${join(certPath, "cert.pem")}): ${reasonOf(shape)}`,
      `the engine accepts only client certificates signed by its own CA (dockerd --tlscacert); ${CERT_PATH_HINT}`,
    );
  }
  const problem = SERVER_CERTIFICATE_PROBLEMS[code];
  if (problem !== undefined) {
    return new EngineUnavailableError(
      `untrusted Docker engine at ${location.endpoint}: its certificate ${problem(join(certPath, "ca.pem"))} (${code}: ${reasonOf(shape)})`,
      `ca.pem must be the CA that signed the engine's certificate (dockerd --tlscert); ${CERT_PATH_HINT}`,
    );
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return new EngineUnavailableError(
      `untrusted Docker engine at ${location.endpoint}: its certificate is for another host (${reasonOf(shape)})`,
      "use the host name or IP address the engine's certificate names (its subjectAltName) in DOCKER_HOST",
    );
  }
  if (code === "EPROTO" && /wrong version number/i.test(message)) {
    return new EngineUnavailableError(
      `the Docker engine at ${location.endpoint} does not speak TLS`,
      "unset DOCKER_TLS_VERIFY for an engine that listens without TLS, or check the port in DOCKER_HOST",
    );
  }
  if (shape.statusCode === 400 && /HTTP request to an HTTPS server/i.test(message)) {
    return new EngineUnavailableError(
      `the Docker engine at ${location.endpoint} accepts only TLS connections`,
      `set DOCKER_TLS_VERIFY=1 and ${CERT_PATH_HINT}`,
    );
  }
  return undefined;
}
