// Validation of a health model CS edits. Pure: the caller passes the event types that exist.
// Errors carry a code (an i18n key under health.errors) and params, and a path for the field.
import { z } from "zod";
import {
  isBuiltinKey,
  type BandThresholds,
  type ComponentConfig,
  type HealthModelConfig,
} from "./model";

export const WEIGHT_TOTAL = 100;
export const MAX_COMPONENTS = 12;
export const MAX_EVENT_TARGET = 1_000_000;
export const CUSTOM_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export type HealthModelError = {
  /** e.g. "components.2.weight", "bands.greenFrom", "weights" */
  path: string;
  code:
    | "noComponents"
    | "tooManyComponents"
    | "weightInvalid"
    | "weightsSum"
    | "duplicateKey"
    | "keyInvalid"
    | "builtinKindMismatch"
    | "eventTypeMissing"
    | "eventTypeUnknown"
    | "targetInvalid"
    | "bandInvalid"
    | "bandsOrder"
    | "unknownSegment";
  params?: Record<string, string | number>;
};

/** The stored JSON's shape; values are checked by validateHealthModel. */
export const componentConfigSchema = z.object({
  key: z.string(),
  weight: z.number(),
  kind: z.enum(["builtin", "event"]),
  eventType: z.string().optional(),
  target: z.number().optional(),
});
export const bandsSchema = z.object({ yellowFrom: z.number(), greenFrom: z.number() });

export function validateHealthModel(
  model: HealthModelConfig,
  knownEventTypes: ReadonlySet<string>,
): HealthModelError[] {
  const errors: HealthModelError[] = [];
  const { components, bands } = model;
  if (!components.length) errors.push({ path: "components", code: "noComponents" });
  if (components.length > MAX_COMPONENTS) {
    errors.push({ path: "components", code: "tooManyComponents", params: { max: MAX_COMPONENTS } });
  }
  const seen = new Set<string>();
  let sum = 0;
  let weightsValid = true;
  components.forEach((c: ComponentConfig, index) => {
    const at = `components.${index}`;
    if (c.kind === "builtin" ? !isBuiltinKey(c.key) : !CUSTOM_KEY_PATTERN.test(c.key)) {
      errors.push({
        path: `${at}.key`,
        code: c.kind === "builtin" ? "builtinKindMismatch" : "keyInvalid",
        params: { key: c.key },
      });
    } else if (c.kind === "event" && isBuiltinKey(c.key)) {
      errors.push({ path: `${at}.key`, code: "builtinKindMismatch", params: { key: c.key } });
    }
    if (seen.has(c.key))
      errors.push({ path: `${at}.key`, code: "duplicateKey", params: { key: c.key } });
    seen.add(c.key);
    if (!Number.isInteger(c.weight) || c.weight < 0 || c.weight > WEIGHT_TOTAL) {
      weightsValid = false;
      errors.push({
        path: `${at}.weight`,
        code: "weightInvalid",
        params: { key: c.key, max: WEIGHT_TOTAL },
      });
    } else {
      sum += c.weight;
    }
    if (c.kind === "event") {
      if (!c.eventType) {
        errors.push({ path: `${at}.eventType`, code: "eventTypeMissing", params: { key: c.key } });
      } else if (!knownEventTypes.has(c.eventType)) {
        errors.push({
          path: `${at}.eventType`,
          code: "eventTypeUnknown",
          params: { type: c.eventType },
        });
      }
      if (
        c.target === undefined ||
        !Number.isInteger(c.target) ||
        c.target < 1 ||
        c.target > MAX_EVENT_TARGET
      ) {
        errors.push({
          path: `${at}.target`,
          code: "targetInvalid",
          params: { key: c.key, max: MAX_EVENT_TARGET },
        });
      }
    }
  });
  if (weightsValid && components.length && sum !== WEIGHT_TOTAL) {
    errors.push({ path: "weights", code: "weightsSum", params: { sum, total: WEIGHT_TOTAL } });
  }
  errors.push(...validateBands(bands));
  return errors;
}

export function validateBands(bands: BandThresholds): HealthModelError[] {
  const errors: HealthModelError[] = [];
  for (const field of ["yellowFrom", "greenFrom"] as const) {
    const v = bands[field];
    if (!Number.isInteger(v) || v < 1 || v > 100) {
      errors.push({ path: `bands.${field}`, code: "bandInvalid", params: { min: 1, max: 100 } });
    }
  }
  if (!errors.length && bands.yellowFrom >= bands.greenFrom) {
    errors.push({
      path: "bands.greenFrom",
      code: "bandsOrder",
      params: { yellowFrom: bands.yellowFrom, greenFrom: bands.greenFrom },
    });
  }
  return errors;
}
