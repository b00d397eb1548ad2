// POST /api/deflection: a customer began a support request (or forum question) and left without
// sending it. The form's page sends this beacon when it is left; see DeflectionPanel.
import { apiRetryAfter, tooManyRequests } from "~/utils/api-rate-limit.server";
import { clientIp } from "~/utils/request.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readBeaconFields } from "~/components/search/beacon.server";
import { DOC_ID_PATTERN } from "~/components/search/contract";
import { loadViewer } from "~/models/article.server";
import { isStaff } from "~/models/roles";
import { DEFLECTION_CONTEXTS, recordDeflection } from "~/models/search.server";
import { cleanQuery } from "~/search/query";
import { getUser } from "~/utils/auth.server";

const deflectionSchema = z.object({
  context: z.enum(DEFLECTION_CONTEXTS),
  // The same cleaning as a query: the subject is shown to CS next to the searches.
  subject: z.string().transform((raw, ctx) => {
    const cleaned = cleanQuery(raw);
    if (!cleaned.ok || !cleaned.query) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "subject must be 1 to 200 characters" });
      return z.NEVER;
    }
    return cleaned.query;
  }),
  clickedDocId: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().regex(DOC_ID_PATTERN).optional(),
  ),
});

const json = (error: string, status: number) => Response.json({ error }, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const wait = apiRetryAfter(clientIp(context), "beacon");
  if (wait) return tooManyRequests(wait);
  if (request.method !== "POST") return json("Only POST is allowed", 405);
  const user = await getUser(request);
  if (!user) return json("Sign in first", 401);
  // Deflection measures customers' self-service; staff and account-less users have no account to credit.
  if (isStaff(user) || !user.accountId) return json("Customers only", 403);
  const fields = await readBeaconFields(request);
  if (!fields) return json("Send a form or JSON body", 400);
  const parsed = deflectionSchema.safeParse(fields);
  if (!parsed.success) {
    return json("Expected context (support or community), subject and optional clickedDocId", 400);
  }
  const viewer = await loadViewer(user);
  if (!viewer) return json("Sign in first", 401);
  await recordDeflection({
    viewer,
    context: parsed.data.context,
    subject: parsed.data.subject,
    clickedDocId: parsed.data.clickedDocId ?? null,
  });
  return new Response(null, { status: 204 });
}

export function loader() {
  return Response.json(
    { error: "Only POST is allowed" },
    { status: 405, headers: { Allow: "POST" } },
  );
}

// No ErrorBoundary export, unlike page routes: Remix treats a route that has one as a page and
// answers with HTML instead of this route's JSON.
