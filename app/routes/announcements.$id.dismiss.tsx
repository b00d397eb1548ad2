import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { dismissAnnouncement } from "~/commands/announcements.server";
import { requireUser } from "~/utils/auth.server";
import { notFound, safeRedirect } from "~/utils/request.server";

// A plain form POST from the home page, so dismissing works without JavaScript; with it the
// home page sends the same POST through a fetcher and hides the announcement at once.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = await dismissAnnouncement({ user, id: params.id ?? "" });
  if (result === "not_found") throw notFound();
  // The home page's fetcher stays on the page and reloads its data; a plain form goes back.
  if (formData.get("fetch") === "1") return { dismissed: true };
  return redirect(safeRedirect(formData.get("redirectTo"), "/"));
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
