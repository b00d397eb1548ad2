import { db } from "~/utils/db.server";

/**
 * Liveness with the database checked (DESIGN.md section 7). It reads a real table, not just
 * `SELECT 1`: SQLite answers that without touching the file, so a missing, unreadable or
 * corrupt database would still look healthy.
 */
export async function loader() {
  try {
    await db.$queryRawUnsafe('SELECT 1 FROM "_migrations" LIMIT 1');
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("Health check: the database does not answer", error);
    return Response.json(
      { ok: false, error: "database unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
