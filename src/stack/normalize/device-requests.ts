/**
 * `gpus` and `deploy.resources.reservations.devices` → one list of device
 * requests, as Compose converts them: `gpus: all` is every GPU; a GPU entry
 * has the `gpu` capability whatever else it lists; without a count or
 * device IDs a request takes every matching device (count -1).
 */
import type { DeviceRequest } from "../model.js";
import type { DeviceRequestSpec } from "../schema/device-requests.js";
import type { ServiceSpec } from "../schema/service.js";

function request(spec: DeviceRequestSpec, extraCapability?: string): DeviceRequest {
  const deviceIds = spec.device_ids ?? [];
  const count = spec.count === "all" ? -1 : (spec.count ?? (deviceIds.length > 0 ? undefined : -1));
  const capabilities = [...new Set([...(extraCapability ? [extraCapability] : []), ...(spec.capabilities ?? [])])];
  const options = Object.fromEntries(Object.entries(spec.options ?? {}).map(([key, value]) => [key, value ?? ""]));
  return { ...(spec.driver !== undefined ? { driver: spec.driver } : {}), ...(count !== undefined ? { count } : {}), deviceIds, capabilities, options };
}

/** The service's device requests; undefined when it writes none. */
export function resolveDeviceRequests(spec: ServiceSpec): DeviceRequest[] | undefined {
  const gpus = spec.gpus === undefined ? [] : spec.gpus === "all" ? [request({ capabilities: undefined, count: "all" }, "gpu")] : spec.gpus.map((entry) => request(entry, "gpu"));
  const reserved = (spec.deploy?.resources?.reservations?.devices ?? []).map((entry) => request(entry));
  const all = [...gpus, ...reserved];
  return all.length > 0 ? all : undefined;
}
