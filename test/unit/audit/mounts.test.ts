import { describe, expect, it } from "vitest";
import { PINNED, audit, hardened } from "./audit-stack.js";

describe("docker-socket", () => {
  it.each([
    "/var/run/docker.sock:/var/run/docker.sock",
    "/var/run/docker.sock:/var/run/docker.sock:ro",
    "/run/docker.sock:/docker.sock:ro",
    "/var/run:/host-run:ro",
    "/run/:/host-run:ro",
    "/run/user/1000/docker.sock:/var/run/docker.sock",
  ])("%s is reported at the volume entry, read-only or not", (entry) => {
    const result = audit(hardened("volumes:", `  - ${entry}`));
    expect(result.where("docker-socket")).toEqual([`web ${result.at(11, 9)}`]);
    expect(result.findings.find((finding) => finding.rule === "docker-socket")?.severity).toBe("high");
  });

  it("the long syntax and a named volume binding the directory count too", () => {
    const result = audit(
      [
        hardened("volumes:", "  - {type: bind, source: /var/run/docker.sock, target: /sock, read_only: true}", "  - hostrun:/host-run"),
        "volumes:",
        "  hostrun:",
        "    driver_opts: {type: none, o: bind, device: /var/run}",
        "",
      ].join("\n"),
    );
    expect(result.where("docker-socket")).toEqual([`web ${result.at(11, 9)}`, `web ${result.at(12, 9)}`]);
    expect(result.findings[1]?.message).toContain('volume "hostrun" (a bind of /var/run)');
  });

  it("other runtime directories and ordinary volumes are fine", () => {
    const result = audit([hardened("volumes:", "  - /var/run/app:/run/app", "  - data:/data", "  - ./html:/usr/share/nginx/html:ro"), "volumes:", "  data:", ""].join("\n"));
    expect(result.findings).toEqual([]);
  });

  it("reaches a service through volumes_from, reported at that entry (the seeds' data-container pattern)", () => {
    const result = audit(
      [
        hardened("volumes_from:", "  - sockets:ro"),
        "data_containers:",
        "  sockets:",
        `    image: ${PINNED}`,
        "    volumes: [/var/run/docker.sock:/var/run/docker.sock]",
        "",
      ].join("\n"),
    );
    expect(result.where("docker-socket")).toEqual([`web ${result.at(11, 9)}`, `sockets ${result.at(16, 15)}`]);
    expect(result.findings.map((finding) => [finding.kind, finding.service])).toEqual([
      ["service", "web"],
      ["data-container", "sockets"],
    ]);
    expect(result.findings[0]?.message).toContain("volumes_from sockets (its bind mount)");
  });
});

describe("system-path-writable and system-path-mounted", () => {
  it("volumes_from :ro makes what it brings in read-only, also through a chain of services", () => {
    const yaml = [
      hardened("volumes_from:", "  - middle:ro"),
      "  middle:",
      "    image: busybox:1.36",
      "    volumes_from: [config]",
      "data_containers:",
      "  config:",
      `    image: ${PINNED}`,
      "    volumes: [/etc/app:/etc/app]",
      "",
    ].join("\n");
    const result = audit(yaml);
    expect(result.where("system-path-mounted")).toEqual([`web ${result.at(11, 9)}`]);
    expect(result.where("system-path-writable")).toEqual([`middle ${result.at(15, 20)}`, `config ${result.at(19, 15)}`]);
    expect(result.findings.find((finding) => finding.service === "web")?.message).toBe(
      "mounts /etc/app (in host /etc) read-only (volumes_from middle (its bind mount)): the container can read the host's system files",
    );
    // The other way round: read-only further down the chain stays read-only.
    const chained = audit(yaml.replace("  - middle:ro", "  - middle").replace("volumes_from: [config]", "volumes_from: ['config:ro']"));
    expect(chained.where("system-path-mounted")).toEqual([`middle ${chained.at(15, 20)}`, `web ${chained.at(11, 9)}`]);
    expect(chained.where("system-path-writable")).toEqual([`config ${chained.at(19, 15)}`]);
  });

  /** One volume entry, one finding of `rule` at it. */
  function expectOneFinding(entry: string, rule: string, severity: string, message: string): void {
    const result = audit(hardened("volumes:", `  - ${entry}`));
    expect(result.where(rule)).toEqual([`web ${result.at(11, 9)}`]);
    expect(result.findings.map((finding) => finding.severity)).toEqual([severity]);
    expect(result.findings[0]?.message).toContain(message);
  }

  it.each([
    ["/etc:/host-etc", "host /etc"],
    ["/etc/cron.d:/cron", "/etc/cron.d (in host /etc)"],
    ["/var/lib/docker:/docker", "host /var/lib/docker"],
  ])("%s is system-path-writable, high", (entry, described) => expectOneFinding(entry, "system-path-writable", "high", `mounts ${described} writable`));

  it.each([
    ["/proc:/host/proc:ro", "host /proc"],
    ["/sys/fs/cgroup:/cgroup:ro", "/sys/fs/cgroup (in host /sys)"],
    ["/root/.ssh:/keys:ro", "/root/.ssh (in host /root)"],
  ])("%s is system-path-mounted, medium", (entry, described) => expectOneFinding(entry, "system-path-mounted", "medium", `mounts ${described} read-only`));

  it("the time zone and CA certificates may be shared read-only, but not writable", () => {
    const readOnly = audit(hardened("volumes:", "  - /etc/localtime:/etc/localtime:ro", "  - /etc/ssl/certs:/etc/ssl/certs:ro"));
    expect(readOnly.findings).toEqual([]);
    const writable = audit(hardened("volumes:", "  - /etc/localtime:/etc/localtime"));
    expect(writable.where("system-path-writable")).toEqual([`web ${writable.at(11, 9)}`]);
  });

  it("look-alikes of system paths are fine", () => {
    const result = audit(hardened("volumes:", "  - /etcetera:/a", "  - /usrdata:/b", "  - /srv/www:/c", "  - /home/me/src:/d"));
    expect(result.findings).toEqual([]);
  });

  it("/ holding the socket is both a socket and a system path", () => {
    const readOnly = audit(hardened("volumes: ['/:/host:ro']"));
    expect(readOnly.findings.map((finding) => finding.rule)).toEqual(["docker-socket", "system-path-mounted"]);
    expect(readOnly.findings[1]?.message).toContain("host / read-only");
    const writable = audit(hardened("volumes: ['/:/host']"));
    expect(writable.findings.map((finding) => finding.rule)).toEqual(["docker-socket", "system-path-writable"]);
    expect(writable.where("system-path-writable")).toEqual([`web ${writable.at(10, 15)}`]);
  });
});
