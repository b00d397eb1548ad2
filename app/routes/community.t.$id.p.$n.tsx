import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { findMergeRedirect } from "~/models/moderation.server";
import { loadForumViewer, locatePost, topicPostUrl } from "~/models/topic.server";
import { getUser } from "~/utils/auth.server";
import { notFound } from "~/utils/request.server";

const POST_NUMBER = /^[1-9]\d{0,6}$/;

/** The permalink of a post: it moves between pages as posts come and go, so it is looked up. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!POST_NUMBER.test(params.n ?? "")) throw notFound();
  const viewer = await loadForumViewer(await getUser(request));
  const topicId = params.id ?? "";
  // A post of a merged duplicate lives on in the target, its number shifted (decision 0008).
  const merged = await findMergeRedirect(topicId);
  if (merged) {
    throw redirect(`/community/t/${merged.targetId}/p/${Number(params.n) + merged.offset}`, 301);
  }
  throw redirect(topicPostUrl(topicId, await locatePost(viewer, topicId, Number(params.n))));
}

export { RouteErrorBoundary as ErrorBoundary };
