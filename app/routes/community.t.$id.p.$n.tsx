import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { loadForumViewer, locatePost, topicPostUrl } from "~/models/topic.server";
import { getUser } from "~/utils/auth.server";
import { notFound } from "~/utils/request.server";

const POST_NUMBER = /^[1-9]\d{0,6}$/;

/** The permalink of a post: it moves between pages as posts come and go, so it is looked up. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!POST_NUMBER.test(params.n ?? "")) throw notFound();
  const viewer = await loadForumViewer(await getUser(request));
  const topicId = params.id ?? "";
  throw redirect(topicPostUrl(topicId, await locatePost(viewer, topicId, Number(params.n))));
}

export { RouteErrorBoundary as ErrorBoundary };
