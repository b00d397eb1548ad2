// POST /api/search/click: the beacon a result sends when it is opened. Either it names the logged
// search it came from, or (the header's search-as-you-type, which is not logged per keystroke) it
// carries the query, and the search is logged now as the one that led to the click.
import { apiRetryAfter, tooManyRequests } from "~/utils/api-rate-limit.server";
import { clientIp } from "~/utils/request.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readBeaconFields } from "~/components/search/beacon.server";
import { DOC_ID_PATTERN } from "~/components/search/contract";
import { loadViewer } from "~/models/article.server";
import { logSearch, recordSearchClick } from "~/models/search.server";
import { cleanQuery } from "~/search/query";
import { SEARCH_LIMITS } from "~/search/types";
import { getUser } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";

/** Generous for a result count, small enough that nobody stores a silly number. */
const MAX_RESULT_COUNT = 1_000_000;
/** Log ids are cuids (25 characters); a little room for another id scheme. */
const MAX_SEARCH_ID_LENGTH = 64;

const position = z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxLimit);
const docId = z.string().regex(DOC_ID_PATTERN);

const clickSchema = z.union([
  z.object({
    searchId: z
      .string()
      .min(1)
      .max(MAX_SEARCH_ID_LENGTH)
      .regex(/^[A-Za-z0-9_-]+$/),
    docId,
    position,
  }),
  z.object({
    q: z.string().transform((raw, ctx) => {
      const cleaned = cleanQuery(raw);
      if (!cleaned.ok || !cleaned.query) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "invalid q" });
        return z.NEVER;
      }
      return cleaned.query;
    }),
    docId,
    position,
    resultCount: z.coerce.number().int().min(0).max(MAX_RESULT_COUNT),
  }),
]);

const noContent = () => new Response(null, { status: 204 });
const badRequest = (error: string) => Response.json({ error }, { status: 400 });

export async function action({ request, context }: ActionFunctionArgs) {
  const wait = apiRetryAfter(clientIp(context), "beacon");
  if (wait) return tooManyRequests(wait);
  if (request.method !== "POST") return badRequest("Only POST is allowed");
  const fields = await readBeaconFields(request);
  if (!fields) return badRequest("Send a form or JSON body");
  const parsed = clickSchema.safeParse(fields);
  if (!parsed.success) {
    return badRequest(
      "Expected searchId, docId and position, or q, docId, position and resultCount",
    );
  }
  const click = parsed.data;
  const user = await getUser(request);
  const viewer = await loadViewer(user);
  const searchId =
    "searchId" in click
      ? click.searchId
      : await logSearch({
          viewer,
          query: click.q,
          locale: await resolveLocale(request, user),
          source: "typeahead",
          resultCount: click.resultCount,
        });
  // A click on someone else's or an old search is ignored by the model; the beacon gets 204 anyway.
  if (searchId) {
    await recordSearchClick({ viewer, searchId, docId: click.docId, position: click.position });
  }
  return noContent();
}

export function loader() {
  return Response.json(
    { error: "Only POST is allowed" },
    { status: 405, headers: { Allow: "POST" } },
  );
}

// No ErrorBoundary export, unlike page routes: Remix treats a route that has one as a page and
// answers with HTML instead of this route's JSON.
