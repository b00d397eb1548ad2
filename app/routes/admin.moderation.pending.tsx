// The Pending tab of the moderation console.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StateQueue } from "~/components/community/StateQueue";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { listPending } from "~/models/moderation.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await getRequestT(request, user);
  return listPending(locale);
}

export default function PendingTab() {
  const { topics, posts } = useLoaderData<typeof loader>();
  return <StateQueue state="pending" topics={topics} posts={posts} />;
}

export { RouteErrorBoundary as ErrorBoundary };
