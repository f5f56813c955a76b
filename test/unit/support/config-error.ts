/** The ConfigError an action throws; fails the test when it throws nothing or something else. */
import { ConfigError } from "../../../src/base/errors.js";

export function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
