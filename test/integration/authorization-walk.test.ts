// Walks EVERY route that Remix knows (test/support/routes.ts reads app/routes the way the build
// does) as an anonymous visitor, a member, an account admin, CS, an admin and a member of
// ANOTHER account, through its loader (GET) and its action (POST), and checks the answer against
// the table below. A route that the table does not cover fails with its pattern and file, so a
// new page cannot ship without someone deciding who may open it.
//
// Loaders and actions are called one by one, the way a client-side navigation (single fetch)
// or a hand-made request reaches them: a child route must check access itself, not rely on its
// parent layout. Denied POSTs must change nothing stored (row counts of every table).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { settleNotifications } from "../../app/commands/notify.server";
import { Prisma } from "../../app/generated/prisma/sqlite/client";
import { settleRecordedEvents } from "../../app/models/event.server";
import { db } from "../../app/utils/db.server";
import { hashToken, newToken } from "../../app/utils/session.server";
import {
  createAccount,
  createArticle,
  createCategory,
  createChecklistTemplate,
  createSessionCookie,
  createTopic,
  createUser,
} from "../factories";
import { runAction, runLoader, TEST_ORIGIN } from "../helpers";
import { discoverRoutes, fillPattern, type DiscoveredRoute } from "../support/routes";

const WHO = ["anon", "member", "accountAdmin", "cs", "admin", "otherMember"] as const;
type Who = (typeof WHO)[number];

/**
 * GET: the exact status, or "login" (302 to /login?redirectTo=…), or "home" (302 to /).
 * POST: "allowed" means the action ran for this person: any answer below 500 except 401, 403
 * and a sign-in redirect (an empty form is usually a 400). Denials must be exact. "redirect" is
 * any 3xx that is not the sign-in page (a permalink that forwards to its topic).
 */
type Outcome =
  | 200
  | 204
  | 400
  | 401
  | 403
  | 404
  | 405
  | 410
  | "login"
  | "home"
  | "redirect"
  | "allowed"
  /** Intent probes: any answer below 500 (the intent's own rules decide the rest). */
  | "handled";
type Access = Record<Who, Outcome>;

type Fixtures = {
  accountA: string;
  accountB: string;
  announcementId: string;
  checklistId: string;
  articleId: string;
  articleSlug: string;
  categorySlug: string;
  topicId: string;
  postId: string;
  handle: string;
  inviteToken: string;
  resetToken: string;
};

type Expectation = {
  get?: Access;
  post?: Access;
  /** Values for the pattern's params; routes with params need one. */
  params?: (f: Fixtures) => Record<string, string>;
  /** A query string the GET needs to be a real request, e.g. "?q=invoice". */
  query?: string;
};

const all = (outcome: Outcome): Access =>
  Object.fromEntries(WHO.map((w) => [w, outcome])) as Access;

const PUBLIC_PAGE = all(200);
const SIGNED_IN_PAGE: Access = { ...all(200), anon: "login" };
const SIGNED_IN_POST: Access = { ...all("allowed"), anon: "login" };
const STAFF_PAGE: Access = {
  anon: "login",
  member: 403,
  accountAdmin: 403,
  cs: 200,
  admin: 200,
  otherMember: 403,
};
const STAFF_POST: Access = { ...STAFF_PAGE, cs: "allowed", admin: "allowed" };
/** Health pages: customers never learn they exist (app/utils/auth.server.ts isHealthPath). */
const HEALTH_PAGE: Access = { ...STAFF_PAGE, member: 404, accountAdmin: 404, otherMember: 404 };
const HEALTH_POST: Access = { ...HEALTH_PAGE, cs: "allowed", admin: "allowed" };
const CUSTOMER_POST: Access = { ...SIGNED_IN_POST, cs: 403, admin: 403 };
/** JSON resource routes answer a wrong method with 405 for everyone. */
const WRONG_METHOD = all(405);

/**
 * Keyed by route pattern; a key ending in "/*" covers every route below it that has no key of
 * its own (so the whole CS console is staff-only by default, including pages added later).
 */
export const EXPECTATIONS: Record<string, Expectation> = {
  "/": { get: PUBLIC_PAGE },
  // The splat: unknown URLs are the 404 page for everyone.
  "/*": { get: all(404), params: () => ({ "*": "no/such/page" }) },
  "/accounts/:id": {
    // The pages of account A: a member of B must not learn it exists (404).
    get: { ...SIGNED_IN_PAGE, otherMember: 404 },
    post: { ...STAFF_POST, accountAdmin: "allowed", member: 403, otherMember: 404 },
    params: (f) => ({ id: f.accountA }),
  },
  "/admin": { get: HEALTH_PAGE },
  "/admin/accounts": { get: HEALTH_PAGE, post: STAFF_POST },
  "/admin/accounts/export.csv": { get: HEALTH_PAGE },
  "/admin/alerts": { get: HEALTH_PAGE, post: HEALTH_POST },
  "/admin/health": { get: HEALTH_PAGE, post: HEALTH_POST },
  "/admin/*": { get: STAFF_PAGE, post: STAFF_POST },
  // The editor's live preview is POST-only; GET is refused after the staff check.
  "/admin/content/preview": { get: { ...STAFF_PAGE, cs: 405, admin: 405 }, post: STAFF_POST },
  "/admin/accounts/:id": {
    get: HEALTH_PAGE,
    post: HEALTH_POST,
    params: (f) => ({ id: f.accountA }),
  },
  "/admin/announcements/:id": {
    get: STAFF_PAGE,
    post: STAFF_POST,
    params: (f) => ({ id: f.announcementId }),
  },
  "/admin/checklists/:id": {
    get: STAFF_PAGE,
    post: STAFF_POST,
    params: (f) => ({ id: f.checklistId }),
  },
  "/admin/checklists/:id/funnel": {
    get: STAFF_PAGE,
    post: STAFF_POST,
    params: (f) => ({ id: f.checklistId }),
  },
  "/admin/content/:id": {
    get: STAFF_PAGE,
    post: STAFF_POST,
    params: (f) => ({ id: f.articleId }),
  },
  "/admin/content/:id/history": {
    get: STAFF_PAGE,
    post: STAFF_POST,
    params: (f) => ({ id: f.articleId }),
  },
  "/announcements/:id/dismiss": {
    post: SIGNED_IN_POST,
    params: (f) => ({ id: f.announcementId }),
  },
  // Beacons from the search box and the support form: anyone may send, nothing private returns.
  "/api/deflection": {
    get: WRONG_METHOD,
    post: {
      ...all(403),
      member: "allowed",
      accountAdmin: "allowed",
      otherMember: "allowed",
      anon: 401,
    },
  },
  "/api/search": { get: PUBLIC_PAGE, post: WRONG_METHOD, query: "?q=invoice" },
  "/api/search/click": { get: WRONG_METHOD, post: all("allowed") },
  // Bearer-key API: no cookie identity counts.
  "/api/v1/events": { get: all(405), post: all(401) },
  "/community": { get: PUBLIC_PAGE },
  "/community/new": { get: SIGNED_IN_PAGE, post: SIGNED_IN_POST },
  "/community/t/:id": {
    // The community is shared by every customer: a topic of account A is public.
    get: PUBLIC_PAGE,
    post: SIGNED_IN_POST,
    params: (f) => ({ id: f.topicId }),
  },
  "/community/t/:id/p/:n": {
    get: all("redirect"),
    params: (f) => ({ id: f.topicId, n: "1" }),
  },
  "/community/u/:handle": { get: PUBLIC_PAGE, params: (f) => ({ handle: f.handle }) },
  "/forgot-password": { post: all("allowed") },
  "/healthz": { get: PUBLIC_PAGE },
  "/invite/:token": {
    // The link is the credential; who is signed in does not matter.
    get: PUBLIC_PAGE,
    post: all("allowed"),
    params: (f) => ({ token: f.inviteToken }),
  },
  "/kb": { get: PUBLIC_PAGE },
  "/kb/:slug": {
    get: PUBLIC_PAGE,
    post: SIGNED_IN_POST,
    params: (f) => ({ slug: f.articleSlug }),
  },
  "/kb/c/:category": { get: PUBLIC_PAGE, params: (f) => ({ category: f.categorySlug }) },
  "/locale": { get: all("home"), post: all("allowed") },
  "/login": { get: { ...all("home"), anon: 200 }, post: all("allowed") },
  "/logout": { get: all("home"), post: all("allowed") },
  "/onboarding": { get: SIGNED_IN_PAGE, post: SIGNED_IN_POST },
  "/reset-password/:token": {
    // Like an invitation, the e-mailed link is the credential.
    get: PUBLIC_PAGE,
    post: all("allowed"),
    params: (f) => ({ token: f.resetToken }),
  },
  // Ids that do not exist: staff get 404, everyone else is refused before the lookup.
  "/admin/accounts/:id/data": {
    get: STAFF_PAGE,
    post: STAFF_POST,
    params: (f) => ({ id: f.accountA }),
  },
  "/admin/accounts/import/:id": {
    get: { ...STAFF_PAGE, cs: 404, admin: 404 },
    post: STAFF_POST,
    params: () => ({ id: "no-such-import" }),
  },
  "/admin/integrations/webhooks/:id": {
    get: { ...STAFF_PAGE, cs: 404, admin: 404 },
    post: STAFF_POST,
    params: () => ({ id: "no-such-webhook" }),
  },
  "/admin/newsletters/:id": {
    get: { ...STAFF_PAGE, cs: 404, admin: 404 },
    post: STAFF_POST,
    params: () => ({ id: "no-such-newsletter" }),
  },
  // The e-mail outbox holds every address: admins only.
  "/admin/outbox": { get: { ...STAFF_PAGE, cs: 403 }, post: { ...STAFF_POST, cs: 403 } },
  // The answer bot is for customers; staff are refused, a stranger must sign in.
  "/api/chat": {
    get: { ...all(404), anon: 401, cs: 403, admin: 403 },
    post: { ...all("allowed"), anon: 401, cs: 403, admin: 403 },
  },
  "/help/chat": {
    get: { ...SIGNED_IN_PAGE, cs: 403, admin: 403 },
    post: { ...CUSTOMER_POST },
  },
  // Bearer-key APIs: no cookie identity counts; PUT-only routes refuse other methods.
  "/api/v1/accounts": { get: all(401), post: all(405) },
  "/api/v1/accounts/:externalId": {
    get: all(405),
    post: all(405),
    params: () => ({ externalId: "ext-1" }),
  },
  "/api/v1/accounts/:externalId/health": {
    get: all(401),
    post: all(405),
    params: () => ({ externalId: "ext-1" }),
  },
  "/api/v1/accounts/:externalId/users/:email": {
    get: all(405),
    post: all(405),
    params: () => ({ externalId: "ext-1", email: "a@example.test" }),
  },
  "/newsletters": { get: SIGNED_IN_PAGE },
  "/newsletters/:id": {
    get: { ...all(404), anon: "login" },
    params: () => ({ id: "no-such-newsletter" }),
  },
  // A tracked link of a newsletter that does not exist leads nowhere, for anyone.
  "/newsletters/:id/l/:n": { get: all(404), params: () => ({ id: "no-such-newsletter", n: "1" }) },
  "/notifications": { get: SIGNED_IN_PAGE, post: SIGNED_IN_POST },
  "/notifications/:id": {
    get: { ...all(404), anon: "login" },
    params: () => ({ id: "no-such-notification" }),
  },
  "/settings/data": { get: SIGNED_IN_PAGE, post: SIGNED_IN_POST },
  "/settings/data/export": { get: SIGNED_IN_PAGE },
  // The token is the credential: a forged one is refused the same way for everyone.
  "/unsubscribe/:token": {
    get: all(400),
    post: all("allowed"),
    params: () => ({ token: "forged-token" }),
  },
  "/search": { get: PUBLIC_PAGE },
  "/settings": { get: SIGNED_IN_PAGE, post: SIGNED_IN_POST },
  "/support/new": {
    get: { ...SIGNED_IN_PAGE, cs: 403, admin: 403 },
    post: CUSTOMER_POST,
  },
};

/**
 * Intents that only some of the route's users may send; every other intent of a route is
 * probed too (no 500 for anyone), but only these are checked for an exact denial.
 */
const INTENT_DENIALS: Record<string, Partial<Access>> = {
  // Turning a topic into a KB draft and setting an idea's status are CS work.
  "/community/t/:id#convert": { member: 403, accountAdmin: 403, otherMember: 403 },
  "/community/t/:id#status": { member: 403, accountAdmin: 403, otherMember: 403 },
  "/accounts/:id#revoke": { member: 403, otherMember: 404 },
  "/accounts/:id#invite": { member: 403, otherMember: 404 },
  "/settings#sessions": { anon: "login" },
  // Event type settings are the admin's; CS only reads them.
  "/admin/integrations#types": { cs: 403 },
  // Only the asker (or staff) accepts an answer; nobody likes their own post.
  "/community/t/:id#accept": { accountAdmin: 403, otherMember: 403 },
  "/community/t/:id#unaccept": { accountAdmin: 403, otherMember: 403 },
  "/community/t/:id#like": { member: 403 },
};

/** The intent values a route's action handles, read from its source. */
function intentsOf(route: DiscoveredRoute): string[] {
  const source = readFileSync(path.resolve("app", route.file), "utf8");
  const found = new Set<string>();
  for (const m of source.matchAll(/intent === "([\w-]+)"|name="intent"\s+value="([\w-]+)"/g)) {
    found.add((m[1] ?? m[2])!);
  }
  return [...found];
}

function expectationFor(route: DiscoveredRoute): Expectation | undefined {
  if (EXPECTATIONS[route.pattern]) return EXPECTATIONS[route.pattern];
  // The nearest "/…/*" key above the route.
  const segments = route.pattern.split("/");
  for (let n = segments.length - 1; n >= 1; n--) {
    const key = `${segments.slice(0, n).join("/")}/*`;
    if (key !== "/*" && EXPECTATIONS[key]) return EXPECTATIONS[key];
  }
  return undefined;
}

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

const routes = discoverRoutes();
const modules = new Map<string, RouteModule>();
let fixtures: Fixtures;
const cookies = {} as Record<Who, string | null>;
let userIds: Record<Exclude<Who, "anon">, string>;

async function signInEveryone() {
  cookies.anon = null;
  for (const [who, id] of Object.entries(userIds) as [Exclude<Who, "anon">, string][]) {
    cookies[who] = (await createSessionCookie(id)).cookie;
  }
}

beforeAll(async () => {
  for (const route of routes) {
    modules.set(route.id, (await import(`../../app/${route.file}`)) as RouteModule);
  }
  const a = await createAccount({ name: "Walk A" });
  const b = await createAccount({ name: "Walk B" });
  const people: Record<Exclude<Who, "anon">, Parameters<typeof createUser>[0]> = {
    member: { role: "member", accountId: a.id },
    accountAdmin: { role: "account_admin", accountId: a.id },
    cs: { role: "cs" },
    admin: { role: "admin" },
    otherMember: { role: "member", accountId: b.id },
  };
  const ids = {} as Record<Exclude<Who, "anon">, string>;
  for (const [who, input] of Object.entries(people) as [Exclude<Who, "anon">, object][]) {
    ids[who] = (await createUser(input)).id;
  }
  userIds = ids;
  await signInEveryone();
  await db.user.update({ where: { id: ids.member }, data: { handle: "walk_member" } });
  const category = await createCategory();
  const article = await createArticle({ categoryId: category.id, status: "published" });
  const topic = await createTopic({ authorId: ids.member });
  const checklist = await createChecklistTemplate({ steps: [{ titleEn: "Step one" }] });
  const announcement = await db.announcement.create({
    data: {
      titleEn: "Walk notice",
      titleJa: "お知らせ",
      bodyEn: "Body",
      bodyJa: "本文",
      publishedAt: new Date(Date.now() - 60_000),
      createdById: ids.cs,
    },
  });
  const inviteToken = newToken();
  await db.invitation.create({
    data: {
      accountId: a.id,
      email: "walk-invitee@example.test",
      tokenHash: hashToken(inviteToken),
      invitedById: ids.accountAdmin,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const resetToken = newToken();
  await db.passwordReset.create({
    data: {
      userId: ids.otherMember,
      tokenHash: hashToken(resetToken),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  fixtures = {
    resetToken,
    accountA: a.id,
    accountB: b.id,
    announcementId: announcement.id,
    checklistId: checklist.id,
    articleId: article.id,
    articleSlug: article.slug,
    categorySlug: category.slug,
    topicId: topic.id,
    postId: topic.posts[0]!.id,
    handle: "walk_member",
    inviteToken,
  };
});

/** Row counts of every table: a denied request must leave them all as they were. */
async function fingerprint(): Promise<Record<string, number>> {
  // Work an earlier probe started after its commit (a like's notification, onboarding) must
  // land first, or it shows up as a change made by the next probe.
  await settleNotifications();
  await settleRecordedEvents();
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { count: () => Promise<number> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!;
    counts[model] = await delegate.count();
  }
  return counts;
}

function describeOutcome(response: Response): string {
  const location = response.headers.get("Location");
  return location ? `${response.status} → ${location}` : String(response.status);
}

function matches(outcome: Outcome, response: Response): boolean {
  const location = response.headers.get("Location") ?? "";
  const redirected = response.status >= 300 && response.status < 400;
  switch (outcome) {
    case "login":
      return redirected && location.startsWith("/login?redirectTo=");
    case "home":
      return redirected && location === "/";
    case "handled":
      return response.status < 500;
    case "redirect":
      return redirected && !location.startsWith("/login");
    case "allowed":
      return (
        response.status < 500 &&
        ![401, 403].includes(response.status) &&
        !(redirected && location.startsWith("/login"))
      );
    default:
      return response.status === outcome;
  }
}

function requestFor(
  method: "GET" | "POST",
  path: string,
  who: Who,
  fields: Record<string, string> = {},
): Request {
  const headers: Record<string, string> = { "Accept-Language": "en" };
  if (cookies[who]) headers.Cookie = cookies[who]!;
  if (method === "GET") return new Request(TEST_ORIGIN + path, { headers });
  return new Request(TEST_ORIGIN + path, {
    method,
    body: new URLSearchParams(fields),
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

describe("authorization walk over every route", { timeout: 180_000 }, () => {
  it("discovers the app's routes", () => {
    // A sanity floor: if discovery broke, the walk below would pass vacuously.
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => r.pattern)).toContain("/admin/accounts/:id");
  });

  it("has an expectation, and params, for every route", () => {
    const missing = routes
      .filter((route) => {
        const mod = modules.get(route.id)!;
        if (!mod.loader && !mod.action) return false;
        const expectation = expectationFor(route);
        if (!expectation) return true;
        if (route.params.length > 0 && !expectation.params) return true;
        return (mod.loader && !expectation.get) || (mod.action && !expectation.post);
      })
      .map((route) => `${route.pattern} (app/${route.file})`);
    expect(missing, "add these routes to EXPECTATIONS in this file").toEqual([]);
  });

  it("answers every GET as expected for every role", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const mod = modules.get(route.id)!;
      const expectation = expectationFor(route);
      if (!mod.loader || !expectation?.get) continue;
      const params = expectation.params?.(fixtures) ?? {};
      const path = fillPattern(route.pattern, params) + (expectation.query ?? "");
      for (const who of WHO) {
        const response = await runLoader(mod.loader, requestFor("GET", path, who), params);
        const want = expectation.get[who];
        if (!matches(want, response)) {
          wrong.push(`GET ${path} as ${who}: want ${want}, got ${describeOutcome(response)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers every POST as expected for every role, and a denied POST changes nothing", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const mod = modules.get(route.id)!;
      const expectation = expectationFor(route);
      if (!mod.action || !expectation?.post) continue;
      const params = expectation.params?.(fixtures) ?? {};
      const path = fillPattern(route.pattern, params);
      // Some actions end the session (/logout); every route starts signed in afresh.
      await signInEveryone();
      for (const who of WHO) {
        const want = expectation.post[who];
        const before = want === "allowed" ? null : await fingerprint();
        const response = await runAction(
          mod.action,
          requestFor("POST", path, who),
          { clientIp: `10.9.${WHO.indexOf(who)}.1` },
          params,
        );
        if (!matches(want, response)) {
          wrong.push(`POST ${path} as ${who}: want ${want}, got ${describeOutcome(response)}`);
        }
        if (before) {
          const after = await fingerprint();
          const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
          if (changed.length) wrong.push(`POST ${path} as ${who} changed ${changed.join(", ")}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers every intent of every action without a 500, and refuses staff intents to customers", async () => {
    const wrong: string[] = [];
    let probed = 0;
    for (const route of routes) {
      const mod = modules.get(route.id)!;
      const expectation = expectationFor(route);
      if (!mod.action || !expectation?.post) continue;
      const params = expectation.params?.(fixtures) ?? {};
      const path = fillPattern(route.pattern, params);
      for (const intent of intentsOf(route)) {
        await signInEveryone();
        const denials = INTENT_DENIALS[`${route.pattern}#${intent}`] ?? {};
        for (const who of WHO) {
          const want: Outcome =
            denials[who] ??
            (expectation.post[who] === "allowed" ? "handled" : expectation.post[who]);
          const before = want === "handled" ? null : await fingerprint();
          const fields = {
            intent,
            postId: fixtures.postId,
            number: "1",
            status: "planned",
            id: params.id ?? "",
          };
          const response = await runAction(
            mod.action,
            requestFor("POST", path, who, fields),
            { clientIp: `10.8.${WHO.indexOf(who)}.1` },
            params,
          );
          probed += 1;
          if (!matches(want, response)) {
            wrong.push(
              `POST ${path} intent=${intent} as ${who}: want ${want}, got ${describeOutcome(response)}`,
            );
          }
          if (before) {
            const after = await fingerprint();
            const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
            if (changed.length) {
              wrong.push(`POST ${path} intent=${intent} as ${who} changed ${changed.join(", ")}`);
            }
          }
        }
      }
    }
    expect(probed).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});
