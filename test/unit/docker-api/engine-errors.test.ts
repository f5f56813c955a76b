/**
 * How a failed engine call reads: every way of not getting through starts
 * with "cannot reach the Docker engine at <endpoint>", and says whether the
 * engine was never there or went away during the run; a refused TLS
 * handshake says which side refused which certificate. The error shapes are
 * the ones Node and docker-modem produced against a real dockerd
 * (test/integration/faults/tls.test.ts and engine-dies.test.ts meet them live).
 */
import { describe, expect, it } from "vitest";
import { type EngineLocation, toEngineError } from "../../../src/docker-api/dockerode/engine-errors.js";
import { EngineError, EngineUnavailableError } from "../../../src/base/errors.js";

const socket: EngineLocation = { endpoint: "unix:///run/e2/docker.sock", lookedAt: ["unix:///run/e2/docker.sock (DOCKER_HOST)"] };
const tls: EngineLocation = { endpoint: "https://127.0.0.1:2376", lookedAt: ["https://127.0.0.1:2376 (DOCKER_HOST, TLS)"], certPath: "/certs" };
const action = 'create container "shop-web-1"';

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("toEngineError: an engine that cannot be reached", () => {
  it("an engine never reached must be named, with where tsd looked and how to start one", () => {
    const error = toEngineError(socketError("ECONNREFUSED", "connect ECONNREFUSED /run/e2/docker.sock"), socket, action);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error.message).toBe(
      "cannot reach the Docker engine at unix:///run/e2/docker.sock: connect ECONNREFUSED /run/e2/docker.sock\n" +
        "looked at: unix:///run/e2/docker.sock (DOCKER_HOST)",
    );
    expect(error.hint).toContain("start an engine");
  });

  const stoppedAnswering = (detail: string) => `cannot reach the Docker engine at unix:///run/e2/docker.sock: it stopped answering during ${action} (${detail})`;

  // Node's message names the code already: it is kept as is.
  it.each([
    { code: "ECONNREFUSED", message: "connect ECONNREFUSED /run/e2/docker.sock" },
    { code: "ENOENT", message: "connect ENOENT /run/e2/docker.sock" },
    { code: "ECONNRESET", message: "read ECONNRESET" },
    { code: "EPIPE", message: "write EPIPE" },
  ])("an engine that answered earlier and now fails with $message must be said to have stopped answering", ({ code, message }) => {
    const error = toEngineError(socketError(code, message), { ...socket, answeredEarlier: true }, action);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error.message).toBe(stoppedAnswering(message));
    expect(error.hint).toBe(
      "the engine went away while tsd was working (stopped, restarted or crashed). Once it answers again, run the same command: " +
        "tsd starts from what the engine holds, so what was done is not done twice",
    );
  });

  it("a connection the engine dropped mid-request ('socket hang up') must be named with its code", () => {
    const error = toEngineError(socketError("ECONNRESET", "socket hang up"), { ...socket, answeredEarlier: true }, action);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error.message).toBe(stoppedAnswering("ECONNRESET: socket hang up"));
  });

  it("an answer from the engine must stay the engine's own error, not an unreachable one", () => {
    const refused = Object.assign(new Error("(HTTP code 409) unexpected - Conflict. The container name is already in use"), {
      statusCode: 409,
      json: { message: "Conflict. The container name is already in use" },
    });
    const error = toEngineError(refused, { ...socket, answeredEarlier: true }, action);
    expect(error).not.toBeInstanceOf(EngineUnavailableError);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toBe(`${action}: Conflict. The container name is already in use`);
  });
});

describe("toEngineError: TLS", () => {
  it("a client certificate the engine refuses must be named, with the engine's endpoint", () => {
    const alert = Object.assign(
      new Error("80DC23A0087F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n"),
      { code: "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE", reason: "sslv3 alert bad certificate", library: "SSL routines" },
    );
    const error = toEngineError(alert, tls, "ask the engine its version");
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error.message).toBe("the Docker engine at https://127.0.0.1:2376 refused tsd's TLS client certificate (/certs/cert.pem): sslv3 alert bad certificate");
    expect(error.hint).toContain("DOCKER_CERT_PATH");
  });

  it.each([
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate", "is not signed by the CA in /certs/ca.pem"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", "is self-signed, not signed by the CA in /certs/ca.pem"],
    ["CERT_HAS_EXPIRED", "certificate has expired", "has expired"],
  ])("an engine certificate tsd cannot verify (%s) must be refused, saying why", (code, message, why) => {
    const error = toEngineError(socketError(code, message), tls, "ask the engine its version");
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error.message).toBe(`untrusted Docker engine at https://127.0.0.1:2376: its certificate ${why} (${code}: ${message})`);
    expect(error.hint).toContain("DOCKER_CERT_PATH");
  });

  it("an engine certificate for another host must say so", () => {
    const message = "Hostname/IP does not match certificate's altnames: Host: localhost. is not cert's CN: 127.0.0.1";
    const error = toEngineError(socketError("ERR_TLS_CERT_ALTNAME_INVALID", message), tls, "ask the engine its version");
    expect(error.message).toBe(`untrusted Docker engine at https://127.0.0.1:2376: its certificate is for another host (${message})`);
  });

  it("TLS spoken to a plain engine, and plain HTTP to a TLS one, must each say which is expected", () => {
    const wrongVersion = socketError("EPROTO", "write EPROTO 80DC23A0087F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:350:\n");
    const toPlain = toEngineError(wrongVersion, tls, "ask the engine its version");
    expect(toPlain).toBeInstanceOf(EngineUnavailableError);
    expect(toPlain.message).toBe("the Docker engine at https://127.0.0.1:2376 does not speak TLS");
    expect(toPlain.hint).toContain("unset DOCKER_TLS_VERIFY");

    const plain: EngineLocation = { endpoint: "http://127.0.0.1:2376", lookedAt: [] };
    const badRequest = Object.assign(new Error("(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.\n "), {
      statusCode: 400,
      json: Buffer.from("Client sent an HTTP request to an HTTPS server.\n"),
    });
    const toTls = toEngineError(badRequest, plain, "ask the engine its version");
    expect(toTls).toBeInstanceOf(EngineUnavailableError);
    expect(toTls.message).toBe("the Docker engine at http://127.0.0.1:2376 accepts only TLS connections");
    expect(toTls.hint).toContain("DOCKER_TLS_VERIFY=1");
  });
});
