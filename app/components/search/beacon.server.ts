// Reading the body of a search beacon (result click, deflection). Browsers send them as forms
// (sendBeacon); API callers may send JSON. Lives with the search components because only their
// routes use it; move it to utils/ if another feature needs the same.

/** A beacon body is tiny; anything larger is not one of ours and is not read. */
export const MAX_BEACON_BYTES = 4_096;

/** The body as plain fields, or null when it is neither a form nor a JSON object, or too big. */
export async function readBeaconFields(request: Request): Promise<Record<string, unknown> | null> {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (!(length <= MAX_BEACON_BYTES)) return null;
  const type = request.headers.get("Content-Type") ?? "";
  try {
    if (type.includes("application/json")) {
      const value: unknown = JSON.parse(await request.text());
      return value && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    }
    const form = await request.formData();
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
    return fields;
  } catch {
    return null;
  }
}
