// GET /api/search: the JSON search API (DESIGN.md section 7) and the header's search-as-you-type.
// The contract fields query, total, tookMs and hits[{type,id,title,url,snippet}] never go away;
// the rest are additions.
import { apiRetryAfter, tooManyRequests } from "~/utils/api-rate-limit.server";
import { clientIp } from "~/utils/request.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { ApiSearchResponse } from "~/components/search/contract";
import { loadViewer } from "~/models/article.server";
import { logSearch, searchContent } from "~/models/search.server";
import { cleanQuery } from "~/search/query";
import { SEARCH_DOC_TYPES, SEARCH_LIMITS, SEARCH_LOCALES } from "~/search/types";
import { getUser } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";

/** Deeper than this nobody pages; refusing it keeps a crafted offset from costing anything. */
export const API_MAX_OFFSET = 1_000;

const NO_STORE = { "Cache-Control": "no-store" } as const;

// An empty parameter (`locale=`) means "not given", as the contract's own example writes it.
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const intParam = (name: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`);

const paramsSchema = z.object({
  q: z.string({ required_error: "q is required" }).transform((raw, ctx) => {
    const cleaned = cleanQuery(raw);
    if (!cleaned.ok) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `q must be at most ${SEARCH_LIMITS.maxQueryLength} characters`,
      });
      return z.NEVER;
    }
    if (!cleaned.query) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "q must not be empty" });
      return z.NEVER;
    }
    return cleaned.query;
  }),
  type: optional(
    z.enum(SEARCH_DOC_TYPES, {
      errorMap: () => ({ message: `type must be one of ${SEARCH_DOC_TYPES.join(", ")}` }),
    }),
  ),
  locale: optional(
    z.enum(SEARCH_LOCALES, {
      errorMap: () => ({ message: `locale must be one of ${SEARCH_LOCALES.join(", ")}` }),
    }),
  ),
  limit: optional(intParam("limit", 1, SEARCH_LIMITS.maxLimit)).default(SEARCH_LIMITS.defaultLimit),
  offset: optional(intParam("offset", 0, API_MAX_OFFSET)).default(0),
  typeahead: optional(z.enum(["0", "1"], { message: "typeahead must be 0 or 1" })),
});

/** The first message only: one precise sentence is what a caller can act on. */
function badRequest(error: z.ZodError) {
  const issue = error.issues[0];
  const message = issue?.message ?? "invalid parameters";
  return Response.json({ error: message }, { status: 400, headers: NO_STORE });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const wait = apiRetryAfter(clientIp(context), "search");
  if (wait) return tooManyRequests(wait);
  const url = new URL(request.url);
  const raw: Record<string, string | null> = {};
  // Known parameters only (their first value); anything else is ignored.
  for (const key of Object.keys(paramsSchema.shape)) raw[key] = url.searchParams.get(key);
  if (raw.q === null) delete raw.q;
  const parsed = paramsSchema.safeParse(raw);
  if (!parsed.success) return badRequest(parsed.error);
  const params = parsed.data;

  const user = await getUser(request);
  const viewer = await loadViewer(user);
  const result = await searchContent({
    viewer,
    query: params.q,
    types: params.type ? [params.type] : undefined,
    locale: params.locale,
    limit: params.limit,
    offset: params.offset,
  });
  // The header asks on every keystroke; only finished searches count as searches.
  const searchId =
    params.typeahead === "1"
      ? null
      : await logSearch({
          viewer,
          query: params.q,
          locale: params.locale ?? (await resolveLocale(request, user)),
          source: "api",
          resultCount: result.total,
        });

  const body: ApiSearchResponse = {
    query: params.q,
    total: result.total,
    tookMs: result.tookMs,
    hits: result.hits.map((hit) => ({
      type: hit.type,
      id: hit.id,
      title: hit.title,
      url: hit.url,
      snippet: hit.snippet,
      locale: hit.locale,
      category: hit.category,
      highlights: hit.highlights,
      titleHighlights: hit.titleHighlights,
    })),
    offset: params.offset,
    limit: params.limit,
    facets: result.facets,
    suggestion: result.suggestion,
    searchId,
  };
  return Response.json(body, { headers: NO_STORE });
}

export function action(_args: ActionFunctionArgs) {
  return Response.json(
    { error: "Only GET is allowed" },
    { status: 405, headers: { Allow: "GET, HEAD", ...NO_STORE } },
  );
}

// No ErrorBoundary export, unlike page routes: Remix treats a route that has one as a page and
// answers with HTML instead of this route's JSON.
