// Opening a notification marks it read and goes where it points. Only the owner's id works.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { findOwnNotification, markRead } from "~/models/notification.server";
import { requireUser } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notification = await findOwnNotification(user.id, params.id ?? "");
  if (!notification) throw new Response("Not found", { status: 404 });
  if (!notification.readAt) await markRead(user.id, notification.id);
  // Links are stored as portal paths (notify() refuses anything else): never an open redirect.
  return redirect(notification.link);
}

export { RouteErrorBoundary as ErrorBoundary };
