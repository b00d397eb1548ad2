import { db } from "~/utils/db.server";

/** Liveness with the database checked (DESIGN.md section 7). */
export async function loader() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
}
