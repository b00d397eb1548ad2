import { beforeEach, describe, expect, it } from "vitest";
import { ANNOUNCEMENT_AUDIT } from "../../app/commands/announcements.server";
import { listHomeAnnouncements } from "../../app/models/announcement.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import type { Role } from "../../app/models/roles";
import { loader as homeLoader } from "../../app/routes/_index";
import {
  action as editAction,
  loader as editLoader,
} from "../../app/routes/admin.announcements.$id";
import { loader as listLoader } from "../../app/routes/admin.announcements._index";
import { action as newAction, loader as newLoader } from "../../app/routes/admin.announcements.new";
import { action as dismissAction } from "../../app/routes/announcements.$id.dismiss";
import { db } from "../../app/utils/db.server";
import { createAccount, createSessionCookie, createUser } from "../factories";
import { getRequest, runAction, runLoader, TEST_ORIGIN } from "../helpers";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

// Accounts get their segment from ARR (factories use the default thresholds).
const HIGH_TOUCH_ARR = 20_000_000;
const LOW_TOUCH_ARR = 5_000_000;
const TECH_TOUCH_ARR = 1_000_000;

async function customer(
  account: { plan: string; arr: number },
  locale: string | null = "en",
  role: Role = "member",
) {
  const acc = await createAccount(account);
  const user = await createUser({ role, accountId: acc.id, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, account: acc, headers: { Cookie: cookie } };
}

async function staff(role: Role = "cs", locale: string | null = "en") {
  const user = await createUser({ role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

/** An announcement stored directly, for the reading side of the feature. */
async function announcement(
  overrides: Partial<{
    kind: string;
    titleEn: string;
    titleJa: string;
    bodyEn: string;
    bodyJa: string;
    segments: string[];
    plans: string[];
    publishedAt: Date | null;
    expiresAt: Date | null;
  }> = {},
) {
  const title = overrides.titleEn ?? `Notice ${Math.random().toString(36).slice(2, 8)}`;
  return db.announcement.create({
    data: {
      kind: overrides.kind ?? "info",
      titleEn: title,
      titleJa: overrides.titleJa ?? `お知らせ ${title}`,
      bodyEn: overrides.bodyEn ?? "Body **text**",
      bodyJa: overrides.bodyJa ?? "本文 **テキスト**",
      audienceSegments: JSON.stringify(overrides.segments ?? []),
      audiencePlans: JSON.stringify(overrides.plans ?? []),
      publishedAt:
        overrides.publishedAt === undefined
          ? new Date(Date.now() - HOUR_MS)
          : overrides.publishedAt,
      expiresAt: overrides.expiresAt ?? null,
    },
  });
}

type HomeData = {
  description: string;
  mode: string;
  announcements: { id: string; title: string; kind: string; html: string }[];
  liveTotal: number | null;
};

async function home(headers: Record<string, string> = {}): Promise<HomeData> {
  const res = await runLoader(homeLoader, getRequest("/", headers));
  expect(res.status).toBe(200);
  return res.json();
}

async function homeTitles(headers: Record<string, string> = {}) {
  return (await home(headers)).announcements.map((a) => a.title);
}

/** A form POST; repeated names (checkbox groups) are given as arrays. */
function post(path: string, fields: Record<string, string | string[]>, headers = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return new Request(TEST_ORIGIN + path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

function dismiss(
  id: string,
  headers: Record<string, string> = {},
  fields: Record<string, string> = {},
) {
  return runAction(
    dismissAction,
    post(`/announcements/${id}/dismiss`, fields, headers),
    {},
    {
      id,
    },
  );
}

const validForm = {
  intent: "save",
  kind: "maintenance",
  titleEn: "Scheduled maintenance on Saturday",
  titleJa: "土曜日に定期メンテナンスを実施します",
  bodyEn: "Reports are read-only from **02:00 to 04:00 UTC**.",
  bodyJa: "**02:00〜04:00（UTC）** の間、レポートは閲覧のみになります。",
  publish: "now",
};

function futureLocal(ms: number) {
  return new Date(Date.now() + ms).toISOString().slice(0, 16);
}

beforeEach(async () => {
  await db.announcement.deleteMany();
});

describe("home page description", () => {
  it("tells search engines what the portal is, in the reader's language", async () => {
    expect((await home({ "Accept-Language": "ja" })).description).toBe(
      "ヘルプセンターを検索したり、チュートリアルに沿って進めたり、コミュニティで質問したりできます。",
    );
    expect((await home({ "Accept-Language": "en" })).description).toBe(
      "Search the help center, follow a tutorial or ask the community.",
    );
  });
});

describe("home page targeting", () => {
  it("shows each customer what is aimed at their segment or plan, visitors only what is for everyone", async () => {
    await announcement({ titleEn: "For everyone" });
    await announcement({ titleEn: "High-touch only", segments: ["high_touch"] });
    await announcement({ titleEn: "Enterprise plan", plans: ["enterprise"] });
    await announcement({
      titleEn: "Tech-touch or starter",
      segments: ["tech_touch"],
      plans: ["starter"],
    });

    const big = await customer({ plan: "business", arr: HIGH_TOUCH_ARR });
    const enterprise = await customer({ plan: "enterprise", arr: LOW_TOUCH_ARR });
    const starter = await customer({ plan: "starter", arr: LOW_TOUCH_ARR });
    const small = await customer({ plan: "team", arr: TECH_TOUCH_ARR });
    const lowTeam = await customer({ plan: "team", arr: LOW_TOUCH_ARR });

    expect((await homeTitles(big.headers)).sort()).toEqual(["For everyone", "High-touch only"]);
    expect((await homeTitles(enterprise.headers)).sort()).toEqual([
      "Enterprise plan",
      "For everyone",
    ]);
    expect((await homeTitles(starter.headers)).sort()).toEqual([
      "For everyone",
      "Tech-touch or starter",
    ]);
    expect((await homeTitles(small.headers)).sort()).toEqual([
      "For everyone",
      "Tech-touch or starter",
    ]);
    expect(await homeTitles(lowTeam.headers)).toEqual(["For everyone"]);

    const visitor = await home();
    expect(visitor.mode).toBe("visitor");
    expect(visitor.announcements.map((a) => a.title)).toEqual(["For everyone"]);
  });

  it("speaks the viewer's language and renders the Markdown safely", async () => {
    await announcement({
      titleEn: "New dashboards",
      titleJa: "新しいダッシュボード",
      bodyEn: "Try it <script>alert(1)</script> **now**",
      bodyJa: "ぜひ **お試しください**",
    });
    const ja = await customer({ plan: "team", arr: TECH_TOUCH_ARR }, "ja");
    const [shown] = (await home(ja.headers)).announcements;
    expect(shown).toMatchObject({ title: "新しいダッシュボード" });
    expect(shown!.html).toContain("<strong>お試しください</strong>");
    const visitorEn = (await home({ "Accept-Language": "en" })).announcements[0]!;
    expect(visitorEn.title).toBe("New dashboards");
    expect(visitorEn.html).toContain("<strong>now</strong>");
    expect(visitorEn.html).not.toContain("<script");
  });

  it("shows at most three, newest first", async () => {
    for (let i = 1; i <= 5; i += 1) {
      await announcement({
        titleEn: `N${i}`,
        publishedAt: new Date(Date.now() - (10 - i) * HOUR_MS),
      });
    }
    expect(await homeTitles()).toEqual(["N5", "N4", "N3"]);
  });

  it("shows staff everything live with the count, whoever it targets", async () => {
    await announcement({ titleEn: "Plan only", plans: ["enterprise"] });
    await announcement({ titleEn: "Draft", publishedAt: null });
    const cs = await staff();
    const data = await home(cs.headers);
    expect(data.mode).toBe("staff");
    expect(data.liveTotal).toBe(1);
    expect(data.announcements.map((a) => a.title)).toEqual(["Plan only"]);
  });
});

describe("scheduling and expiry", () => {
  it("shows an announcement only between its publish and expiry times", async () => {
    const t0 = new Date("2030-04-01T09:00:00Z");
    await announcement({
      titleEn: "Window",
      publishedAt: t0,
      expiresAt: new Date(t0.getTime() + DAY_MS),
    });
    await announcement({ titleEn: "Draft", publishedAt: null });
    const at = async (now: Date) =>
      (await listHomeAnnouncements({ viewer: null, locale: "en", now })).map((a) => a.title);
    expect(await at(new Date(t0.getTime() - 1))).toEqual([]);
    expect(await at(t0)).toEqual(["Window"]);
    expect(await at(new Date(t0.getTime() + DAY_MS - 1))).toEqual(["Window"]);
    expect(await at(new Date(t0.getTime() + DAY_MS))).toEqual([]);
  });

  it("lists each announcement's status and dismissal count in the console", async () => {
    const live = await announcement({ titleEn: "Live" });
    await announcement({ titleEn: "Scheduled", publishedAt: new Date(Date.now() + DAY_MS) });
    await announcement({
      titleEn: "Expired",
      publishedAt: new Date(Date.now() - 2 * DAY_MS),
      expiresAt: new Date(Date.now() - DAY_MS),
    });
    await announcement({ titleEn: "Draft", publishedAt: null });
    const a = await customer({ plan: "team", arr: TECH_TOUCH_ARR });
    const b = await customer({ plan: "team", arr: TECH_TOUCH_ARR });
    await dismiss(live.id, a.headers);
    await dismiss(live.id, b.headers);
    const cs = await staff();
    const res = await runLoader(listLoader, getRequest("/admin/announcements", cs.headers));
    const rows = (await res.json()).announcements as {
      titleEn: string;
      status: string;
      dismissals: number;
    }[];
    const byTitle = Object.fromEntries(rows.map((r) => [r.titleEn, r]));
    expect(byTitle.Live).toMatchObject({ status: "live", dismissals: 2 });
    expect(byTitle.Scheduled).toMatchObject({ status: "scheduled", dismissals: 0 });
    expect(byTitle.Expired).toMatchObject({ status: "expired" });
    expect(byTitle.Draft).toMatchObject({ status: "draft" });
  });
});

describe("dismissing", () => {
  it("hides it for good for that user only, stores it once and records one event", async () => {
    const shown = await announcement({ titleEn: "Dismiss me" });
    const me = await customer({ plan: "team", arr: TECH_TOUCH_ARR });
    const colleague = await createUser({ accountId: me.account.id });
    const colleagueCookie = (await createSessionCookie(colleague.id)).cookie;

    const res = await dismiss(shown.id, me.headers);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    expect(await homeTitles(me.headers)).toEqual([]);
    expect(await homeTitles({ Cookie: colleagueCookie })).toEqual(["Dismiss me"]);

    // The second time comes from the page's script, which stays on the page.
    const again = await dismiss(shown.id, me.headers, { fetch: "1" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ dismissed: true });
    expect(await db.announcementDismissal.count({ where: { announcementId: shown.id } })).toBe(1);
    const events = await db.event.findMany({
      where: { type: PORTAL_EVENTS.announcementDismissed, userId: me.user.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.accountId).toBe(me.account.id);
    expect(JSON.parse(events[0]!.properties)).toEqual({ announcementId: shown.id });

    // Still hidden after CS edits and re-publishes it.
    await db.announcement.update({
      where: { id: shown.id },
      data: { titleEn: "Dismiss me (updated)", publishedAt: new Date() },
    });
    expect(await homeTitles(me.headers)).toEqual([]);
  });

  it("answers 404 for unknown, draft, expired or someone else's announcements and stores nothing", async () => {
    const me = await customer({ plan: "team", arr: TECH_TOUCH_ARR });
    const others = await announcement({ segments: ["high_touch"] });
    const draft = await announcement({ publishedAt: null });
    const expired = await announcement({
      publishedAt: new Date(Date.now() - DAY_MS),
      expiresAt: new Date(Date.now() - HOUR_MS),
    });
    for (const id of ["does-not-exist", others.id, draft.id, expired.id]) {
      expect((await dismiss(id, me.headers)).status, id).toBe(404);
    }
    expect(await db.announcementDismissal.count()).toBe(0);
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.announcementDismissed, userId: me.user.id },
      }),
    ).toBe(0);
  });

  it("sends visitors to sign in and stores nothing", async () => {
    const shown = await announcement();
    const res = await dismiss(shown.id);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await db.announcementDismissal.count()).toBe(0);
  });
});

describe("console: creating", () => {
  it("stores a valid announcement with its audience and times, audited", async () => {
    const cs = await staff();
    const publishAt = futureLocal(DAY_MS);
    const expiresAt = futureLocal(3 * DAY_MS);
    const res = await runAction(
      newAction,
      post(
        "/admin/announcements/new",
        {
          ...validForm,
          segments: ["high_touch", "low_touch"],
          plans: ["enterprise"],
          publish: "scheduled",
          publishAt,
          expiresAt,
        },
        cs.headers,
      ),
    );
    expect(res.status).toBe(302);
    const row = await db.announcement.findFirstOrThrow();
    expect(res.headers.get("Location")).toBe(`/admin/announcements/${row.id}?created=1`);
    expect(row).toMatchObject({
      kind: "maintenance",
      titleJa: validForm.titleJa,
      bodyEn: validForm.bodyEn,
      audienceSegments: '["high_touch","low_touch"]',
      audiencePlans: '["enterprise"]',
      createdById: cs.user.id,
    });
    expect(row.publishedAt?.toISOString()).toBe(`${publishAt}:00.000Z`);
    expect(row.expiresAt?.toISOString()).toBe(`${expiresAt}:00.000Z`);
    const log = await db.auditLog.findFirst({
      where: { action: ANNOUNCEMENT_AUDIT.created, targetId: row.id },
    });
    expect(log?.actorId).toBe(cs.user.id);
    // Scheduled for tomorrow: nobody sees it yet.
    expect(await homeTitles()).toEqual([]);
  });

  it("publishes now to everyone when no segment or plan is chosen", async () => {
    const cs = await staff("admin");
    const res = await runAction(newAction, post("/admin/announcements/new", validForm, cs.headers));
    expect(res.status).toBe(302);
    expect(await homeTitles()).toEqual([validForm.titleEn]);
  });

  const badCases: [string, Record<string, string | string[]>, string, string][] = [
    ["a missing Japanese title", { titleJa: "  " }, "titleJa", "This field is required."],
    ["a missing English body", { bodyEn: "" }, "bodyEn", "This field is required."],
    ["a title over 120", { titleEn: "x".repeat(121) }, "titleEn", "Use at most 120 characters."],
    ["a body over 2000", { bodyJa: "あ".repeat(2001) }, "bodyJa", "Use at most 2000 characters."],
    ["an unknown kind", { kind: "party" }, "kind", "Choose one of the options."],
    ["an unknown segment", { segments: ["vip"] }, "segments[0]", "Choose one of the options."],
    ["an unknown plan", { plans: ["team", "gold"] }, "plans[1]", "Choose one of the options."],
    ["an unknown publish mode", { publish: "later" }, "publish", "Choose one of the options."],
    [
      "a schedule without a time",
      { publish: "scheduled" },
      "publishAt",
      "Choose when to publish it.",
    ],
    [
      "an impossible date",
      { publish: "scheduled", publishAt: "2030-02-31T10:00" },
      "publishAt",
      "Enter a date and time.",
    ],
    [
      "an expiry before the scheduled time",
      { publish: "scheduled", publishAt: "2030-05-02T10:00", expiresAt: "2030-05-02T09:59" },
      "expiresAt",
      "The expiry must come after the publish time.",
    ],
    [
      "an expiry already past when publishing now",
      { expiresAt: "2020-01-01T00:00" },
      "expiresAt",
      "The expiry must be in the future.",
    ],
  ];

  it.each(badCases)(
    "refuses %s with a field message and stores nothing",
    async (_, change, field, message) => {
      const cs = await staff();
      const res = await runAction(
        newAction,
        post("/admin/announcements/new", { ...validForm, ...change }, cs.headers),
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.result.error[field]).toEqual([message]);
      // What was typed comes back to the form.
      expect(body.result.initialValue.titleEn).toBe(change.titleEn ?? validForm.titleEn);
      expect(await db.announcement.count()).toBe(0);
      expect(await db.auditLog.count({ where: { actorId: cs.user.id } })).toBe(0);
    },
  );

  it("answers in Japanese for a Japanese-speaking editor", async () => {
    const cs = await staff("cs", "ja");
    const res = await runAction(
      newAction,
      post("/admin/announcements/new", { ...validForm, titleEn: "" }, cs.headers),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.titleEn).toEqual(["入力してください。"]);
  });
});

describe("console: editing, publishing, unpublishing, deleting", () => {
  async function edit(id: string, fields: Record<string, string | string[]>, headers = {}) {
    return runAction(editAction, post(`/admin/announcements/${id}`, fields, headers), {}, { id });
  }

  it("saves changes and leaves the stored one untouched on bad input", async () => {
    const cs = await staff();
    const row = await announcement({ titleEn: "Before", publishedAt: null });
    const bad = await edit(
      row.id,
      { ...validForm, titleEn: "After", bodyJa: "", publish: "draft" },
      cs.headers,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error.bodyJa).toEqual(["This field is required."]);
    const unchanged = await db.announcement.findUniqueOrThrow({ where: { id: row.id } });
    expect(unchanged).toEqual(row);

    const ok = await edit(
      row.id,
      { ...validForm, titleEn: "After", plans: ["starter"], publish: "draft" },
      cs.headers,
    );
    expect(ok.status).toBe(200);
    const saved = await db.announcement.findUniqueOrThrow({ where: { id: row.id } });
    expect(saved).toMatchObject({
      titleEn: "After",
      audiencePlans: '["starter"]',
      publishedAt: null,
    });
    expect(
      await db.auditLog.count({ where: { action: ANNOUNCEMENT_AUDIT.updated, targetId: row.id } }),
    ).toBe(1);
  });

  it("publishes a draft now, unpublishes it, refuses to publish past its expiry, and deletes", async () => {
    const cs = await staff();
    const row = await announcement({ titleEn: "Toggle", publishedAt: null });
    expect((await edit(row.id, { intent: "publish" }, cs.headers)).status).toBe(200);
    expect(await homeTitles()).toEqual(["Toggle"]);
    expect((await edit(row.id, { intent: "unpublish" }, cs.headers)).status).toBe(200);
    expect(await homeTitles()).toEqual([]);

    const past = await announcement({
      publishedAt: null,
      expiresAt: new Date(Date.now() - HOUR_MS),
    });
    const refused = await edit(past.id, { intent: "publish" }, cs.headers);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBe(
      "Its expiry time has passed. Change the expiry, then publish.",
    );
    expect(
      (await db.announcement.findUniqueOrThrow({ where: { id: past.id } })).publishedAt,
    ).toBeNull();

    const del = await edit(row.id, { intent: "delete" }, cs.headers);
    expect(del.status).toBe(302);
    expect(del.headers.get("Location")).toBe("/admin/announcements?deleted=1");
    expect(await db.announcement.findUnique({ where: { id: row.id } })).toBeNull();
    expect((await edit(row.id, { intent: "delete" }, cs.headers)).status).toBe(404);
    expect(
      (
        await runLoader(editLoader, getRequest(`/admin/announcements/${row.id}`, cs.headers), {
          id: row.id,
        })
      ).status,
    ).toBe(404);
  });

  it("refuses an unknown intent without changing anything", async () => {
    const cs = await staff();
    const row = await announcement();
    const res = await edit(row.id, { intent: "explode" }, cs.headers);
    expect(res.status).toBe(400);
    expect(await db.announcement.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe("authorization", () => {
  it("gives customers 403 on every console loader and action, and changes nothing", async () => {
    const row = await announcement({ titleEn: "Keep" });
    for (const role of ["member", "account_admin"] as const) {
      const c = await customer({ plan: "enterprise", arr: HIGH_TOUCH_ARR }, "en", role);
      const loaders = [
        runLoader(listLoader, getRequest("/admin/announcements", c.headers)),
        runLoader(newLoader, getRequest("/admin/announcements/new", c.headers)),
        runLoader(editLoader, getRequest(`/admin/announcements/${row.id}`, c.headers), {
          id: row.id,
        }),
      ];
      for (const res of await Promise.all(loaders)) expect(res.status).toBe(403);
      const created = await runAction(
        newAction,
        post("/admin/announcements/new", validForm, c.headers),
      );
      expect(created.status).toBe(403);
      for (const intent of ["delete", "unpublish"]) {
        const res = await runAction(
          editAction,
          post(`/admin/announcements/${row.id}`, { intent }, c.headers),
          {},
          { id: row.id },
        );
        expect(res.status).toBe(403);
      }
    }
    expect(await db.announcement.findMany()).toEqual([row]);
  });

  it("sends visitors to sign in", async () => {
    const res = await runLoader(listLoader, getRequest("/admin/announcements"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});
