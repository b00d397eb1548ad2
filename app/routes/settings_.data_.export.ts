// GET /settings/data/export: the signed-in person's own data as a JSON download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportUserData } from "~/models/personal-data.server";
import { requireUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const body = JSON.stringify(await exportUserData(user.id, now), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
