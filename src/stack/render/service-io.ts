/**
 * Service fields that connect a container to the outside, in long form:
 * ports, expose, devices, ulimits and granted secrets/configs.
 */
import type { Device, DeviceRequest, ExposedPort, FileReference, Port, Service, Ulimit } from "../model.js";
import type { ComposeDevice, ComposeDeviceRequest, ComposeFileReference, ComposePort, ComposeService } from "./compose-types.js";
import { formatFileMode } from "./units.js";

/** A port; `published` is a string as Compose prints it (`"8080"`, `"8000-8010"`). */
export function renderPort(port: Port): ComposePort {
  const published = port.published === undefined ? undefined : port.published.start === port.published.end ? `${port.published.start}` : `${port.published.start}-${port.published.end}`;
  return {
    name: port.name,
    mode: port.mode,
    host_ip: port.hostIp,
    target: port.target,
    published,
    protocol: port.protocol,
    app_protocol: port.appProtocol,
  };
}

/** An exposed port: `"3000"`, or `"3000/udp"` for another protocol. */
export function renderExpose(exposed: ExposedPort): string {
  return exposed.protocol === "tcp" ? `${exposed.port}` : `${exposed.port}/${exposed.protocol}`;
}

/** A device, long form. */
export function renderDevice(device: Device): ComposeDevice {
  return { source: device.source, target: device.target, permissions: device.permissions };
}

/** Ulimits: one number when soft and hard agree, else both. */
export function renderUlimits(ulimits: Readonly<Record<string, Ulimit>>): ComposeService["ulimits"] {
  const entries = Object.entries(ulimits).map(([name, { soft, hard }]) => [name, soft === hard ? soft : { soft, hard }] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A granted secret or config, with its resolved target. */
export function renderFileReference(reference: FileReference): ComposeFileReference {
  return {
    source: reference.source,
    target: reference.target,
    uid: reference.uid,
    gid: reference.gid,
    mode: reference.mode === undefined ? undefined : formatFileMode(reference.mode),
  };
}

function renderDeviceRequest(request: DeviceRequest): ComposeDeviceRequest {
  return {
    ...(request.driver !== undefined ? { driver: request.driver } : {}),
    ...(request.count !== undefined ? { count: request.count === -1 ? "all" : request.count } : {}),
    ...(request.deviceIds.length > 0 ? { device_ids: request.deviceIds } : {}),
    ...(request.capabilities.length > 0 ? { capabilities: request.capabilities } : {}),
    ...(Object.keys(request.options).length > 0 ? { options: request.options } : {}),
  };
}

/** `attach: false` (true is the default) and the device requests, written as `gpus` entries. */
export function renderAttachAndDevices(service: Service): Pick<ComposeService, "attach" | "gpus"> {
  return {
    ...(service.attach === false ? { attach: false } : {}),
    ...(service.deviceRequests ? { gpus: service.deviceRequests.map(renderDeviceRequest) } : {}),
  };
}
