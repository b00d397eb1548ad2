// The tracking redirect of newsletter links: only to a link the newsletter itself contains (no
// open redirect), recording an engagement event for the reader's account. The reader is the
// signed link's user (e-mail) or the signed-in user (portal); a bad signature records nothing.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { checkValues, tokenSecret } from "~/utils/signed-token.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const index = Number(params.n);
  const newsletter = await db.newsletter.findUnique({ where: { id }, select: { links: true } });
  const links = newsletter ? (JSON.parse(newsletter.links) as unknown[]) : [];
  const target = Number.isInteger(index) && index >= 0 ? links[index] : undefined;
  if (typeof target !== "string" || !/^https?:\/\//.test(target)) {
    throw new Response("Not found", { status: 404 });
  }
  const url = new URL(request.url);
  const u = url.searchParams.get("u");
  const s = url.searchParams.get("s");
  let readerId: string | null = null;
  let from = "portal";
  if (u && s && checkValues(await tokenSecret(), s, id, String(index), u)) {
    readerId = u;
    from = "email";
  } else if (!u) {
    readerId = (await getUser(request))?.id ?? null;
  }
  if (readerId) {
    const reader = await db.user.findUnique({
      where: { id: readerId },
      select: { accountId: true },
    });
    await recordEvent({
      type: PORTAL_EVENTS.newsletterClicked,
      accountId: reader?.accountId ?? null,
      userId: readerId,
      properties: { newsletterId: id, link: target, from },
    });
  }
  return redirect(target);
}

export { RouteErrorBoundary as ErrorBoundary };
