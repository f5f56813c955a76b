/**
 * Device requests: `gpus` and `deploy.resources.reservations.devices`,
 * which the engine turns into devices of a driver (NVIDIA's, typically)
 * selected by capabilities. Written as Compose has them; the output keeps
 * the written form, normalisation makes one request list of them.
 */
import { z } from "zod";
import { integer, listOrDict, str, stringList } from "./scalars.js";
import { section } from "./section.js";

/** `count: all` or a number of devices. */
const count = z.union([z.literal("all"), integer({ min: 0 })], { error: 'must be "all" or a number of devices' });

/** One request; `capabilities` is required in `deploy.resources.reservations.devices`, optional under `gpus`. */
function deviceRequest(capabilitiesRequired: boolean) {
  return section(
    "device_request",
    {
      capabilities: capabilitiesRequired ? stringList() : stringList().optional(),
      count: count.optional(),
      device_ids: stringList().optional(),
      driver: str().optional(),
      options: listOrDict().optional(),
    },
    "a device request",
  );
}

/** `deploy.resources.reservations.devices`. */
export const reservedDevices = z.array(deviceRequest(true), { error: "must be a list of device requests" });

/** `gpus: all`, or a list of GPU requests. */
export const gpus = z.union([z.literal("all"), z.array(deviceRequest(false))], { error: 'must be "all" or a list of GPU requests' });

/** The written form of one request. */
export type DeviceRequestSpec = z.infer<ReturnType<typeof deviceRequest>>;
