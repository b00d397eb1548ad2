import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateSegmentThresholds } from "../../app/commands/update-segment-thresholds.server";
import {
  createAccount as createAccountWithStoredThresholds,
  PAGE_SIZE,
  RECENT_EVENTS_SHOWN,
  updateAccountArr,
} from "../../app/models/account.server";
import type { Role } from "../../app/models/roles";
import { DEFAULT_SEGMENT_THRESHOLDS, deriveSegment } from "../../app/models/segment";
import { getSegmentThresholds, SEGMENT_THRESHOLDS_KEY } from "../../app/models/setting.server";
import { loader as layoutLoader } from "../../app/routes/admin";
import { loader as overviewLoader } from "../../app/routes/admin._index";
import { loader as accountLoader } from "../../app/routes/admin.accounts.$id";
import { loader as accountsLoader } from "../../app/routes/admin.accounts._index";
import {
  action as settingsAction,
  loader as settingsLoader,
} from "../../app/routes/admin.settings";
import { db } from "../../app/utils/db.server";
import { createAccount, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

async function signedIn(role: Role, locale: string | null = "en") {
  const user = await createUser({ role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

async function staffHeaders(locale: string | null = "en") {
  return (await signedIn("cs", locale)).headers;
}

type AccountRow = {
  id: string;
  name: string;
  externalId: string;
  segment: string;
  arr: number;
  owner: { name: string } | null;
};
type ListBody = {
  accounts: AccountRow[];
  total: number;
  page: number;
  pageCount: number;
};

async function list(query: string, headers: Record<string, string>): Promise<ListBody> {
  const res = await runLoader(accountsLoader, getRequest(`/admin/accounts${query}`, headers));
  expect(res.status).toBe(200);
  return (await res.json()) as ListBody;
}

/** A tag unique to one test, so that tests sharing the database find only their own rows. */
function tag() {
  return `t${Math.random().toString(36).slice(2, 8)}`;
}

describe("who may open the CS console", () => {
  let accountId: string;
  beforeEach(async () => {
    accountId = (await createAccount()).id;
  });

  // Pages that show health answer customers 404 (they never learn those exist); the rest 403.
  const loaders: [string, (args: LoaderFunctionArgs) => unknown, number, string][] = [
    ["/admin (layout)", layoutLoader, 404, "/admin/accounts/:id"],
    ["/admin (layout) on settings", layoutLoader, 403, "/admin/settings"],
    ["/admin (overview)", overviewLoader, 404, "/admin"],
    ["/admin/accounts", accountsLoader, 404, "/admin/accounts"],
    ["/admin/accounts/:id", accountLoader, 404, "/admin/accounts/:id"],
    ["/admin/settings", settingsLoader, 403, "/admin/settings"],
  ];

  function load(
    loader: (args: LoaderFunctionArgs) => unknown,
    headers: Record<string, string>,
    path = "/admin/accounts/:id",
  ) {
    return runLoader(loader, getRequest(path.replace(":id", accountId), headers), {
      id: accountId,
    });
  }

  it.each(loaders)("%s sends anonymous visitors to sign in", async (_path, loader) => {
    const res = await load(loader, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it.each(loaders)("%s refuses customers with %i", async (_name, loader, status, path) => {
    for (const role of ["member", "account_admin"] as const) {
      const { headers } = await signedIn(role);
      expect((await load(loader, headers, path)).status, role).toBe(status);
    }
  });

  it.each(loaders)("%s opens for cs and admin", async (_path, loader) => {
    for (const role of ["cs", "admin"] as const) {
      const { headers } = await signedIn(role);
      expect((await load(loader, headers)).status, role).toBe(200);
    }
  });
});

describe("overview", () => {
  it("counts active accounts by segment, customer users, ARR and near renewals", async () => {
    const headers = await staffHeaders();
    const read = async () => {
      const res = await runLoader(overviewLoader, getRequest("/admin", headers));
      expect(res.status).toBe(200);
      return (await res.json()).overview;
    };
    const before = await read();
    const now = Date.now();
    const soon = await createAccount({
      name: `${tag()} renews soon`,
      arr: 12_000_000,
      renewalDate: new Date(now + 30 * DAY_MS),
    });
    await createAccount({ arr: 3_000_000, renewalDate: new Date(now + 120 * DAY_MS) });
    await createAccount({ arr: 500_000, renewalDate: new Date(now - 5 * DAY_MS) });
    await createAccount({ arr: 9_000_000, status: "churned", renewalDate: new Date(now + DAY_MS) });
    await createUser({ role: "member", accountId: soon.id });
    await createUser({ role: "account_admin", accountId: soon.id });
    await createUser({ role: "cs" });
    const after = await read();

    expect(after.activeAccounts - before.activeAccounts).toBe(3);
    expect(after.churnedAccounts - before.churnedAccounts).toBe(1);
    expect(after.bySegment.high_touch - before.bySegment.high_touch).toBe(1);
    expect(after.bySegment.low_touch - before.bySegment.low_touch).toBe(1);
    expect(after.bySegment.tech_touch - before.bySegment.tech_touch).toBe(1);
    expect(after.customerUsers - before.customerUsers).toBe(2);
    // The churned account's ARR is not part of the book of business.
    expect(after.arrTotal - before.arrTotal).toBe(12_000_000 + 3_000_000 + 500_000);
    const renewalIds = after.renewals.map((r: { id: string }) => r.id);
    expect(renewalIds).toContain(soon.id);
    expect(after.renewalCount - before.renewalCount).toBe(1);
  });

  it("adds ARR beyond what a 32-bit integer holds", async () => {
    const headers = await staffHeaders();
    const res = await runLoader(overviewLoader, getRequest("/admin", headers));
    const before = (await res.json()).overview.arrTotal as number;
    for (let i = 0; i < 3; i++) await createAccount({ arr: 2_000_000_000 });
    const after = (await (await runLoader(overviewLoader, getRequest("/admin", headers))).json())
      .overview.arrTotal as number;
    expect(after - before).toBe(6_000_000_000);
  });
});

describe("account list", () => {
  it("filters by segment", async () => {
    const headers = await staffHeaders();
    const t = tag();
    const high = await createAccount({ name: `${t} High`, arr: 50_000_000 });
    const low = await createAccount({ name: `${t} Low`, arr: 5_000_000 });
    const tech = await createAccount({ name: `${t} Tech`, arr: 100_000 });

    const all = await list(`?q=${t}`, headers);
    expect(all.accounts.map((a) => a.id).sort()).toEqual([high.id, low.id, tech.id].sort());
    for (const [segment, account] of [
      ["high_touch", high],
      ["low_touch", low],
      ["tech_touch", tech],
    ] as const) {
      const body = await list(`?q=${t}&segment=${segment}`, headers);
      expect(body.accounts.map((a) => a.id)).toEqual([account.id]);
      expect(body.total).toBe(1);
    }
    // An unknown segment in an edited link means no filter rather than an error.
    expect((await list(`?q=${t}&segment=bogus`, headers)).total).toBe(3);
  });

  it("searches names and external ids, ignoring case, in Japanese too", async () => {
    const headers = await staffHeaders();
    const t = tag();
    const acme = await createAccount({ name: `Acme Robotics ${t}` });
    const sakura = await createAccount({ name: `株式会社さくらクラウド ${t}` });
    const byCrm = await createAccount({ externalId: `CRM-${t.toUpperCase()}-42` });

    const ids = async (q: string) =>
      (await list(`?q=${encodeURIComponent(q)}`, headers)).accounts.map((a) => a.id);
    expect(await ids(`ACME ROBOTICS ${t}`)).toEqual([acme.id]);
    expect(await ids(`acme robotics ${t.toUpperCase()}`)).toEqual([acme.id]);
    expect(await ids(`さくらクラウド ${t}`)).toEqual([sakura.id]);
    expect(await ids("株式会社さくら")).toContain(sakura.id);
    expect(await ids(`ＡＣＭＥ ＲＯＢＯＴＩＣＳ ${t}`)).toEqual([acme.id]);
    expect(await ids(`crm-${t}-4`)).toEqual([byCrm.id]);
    expect(await ids(`  ${t}-42  `)).toEqual([byCrm.id]);
    expect(await ids(`${t}-nothing-like-this`)).toEqual([]);
  });

  it("treats LIKE wildcards in the search text literally", async () => {
    const headers = await staffHeaders();
    const t = tag();
    const percent = await createAccount({ name: `${t} 50% Off` });
    await createAccount({ name: `${t} 50X Off` });
    const under = await createAccount({ name: `${t} a_b` });
    await createAccount({ name: `${t} axb` });
    const ids = async (q: string) =>
      (await list(`?q=${encodeURIComponent(q)}`, headers)).accounts.map((a) => a.id);
    expect(await ids(`${t} 50% Off`)).toEqual([percent.id]);
    expect(await ids(`${t} a_b`)).toEqual([under.id]);
  });

  it("pages through results in name order without repeating or skipping", async () => {
    const headers = await staffHeaders();
    const t = tag();
    const count = PAGE_SIZE + 3;
    for (let i = 0; i < count; i++) {
      await createAccount({ name: `${t} ${String(i).padStart(3, "0")}` });
    }
    const first = await list(`?q=${t}`, headers);
    const second = await list(`?q=${t}&page=2`, headers);
    expect(first.total).toBe(count);
    expect(first.pageCount).toBe(2);
    expect(first.accounts).toHaveLength(PAGE_SIZE);
    expect(second.page).toBe(2);
    expect(second.accounts).toHaveLength(3);
    const names = [...first.accounts, ...second.accounts].map((a) => a.name);
    expect(names).toEqual(
      Array.from({ length: count }, (_, i) => `${t} ${String(i).padStart(3, "0")}`),
    );
    // Out-of-range and malformed pages land on a real page.
    expect((await list(`?q=${t}&page=99`, headers)).page).toBe(2);
    expect((await list(`?q=${t}&page=-3`, headers)).page).toBe(1);
    expect((await list(`?q=${t}&page=abc`, headers)).page).toBe(1);
  });

  it("shows the CSM's name and selects no secrets", async () => {
    const headers = await staffHeaders();
    const csm = await createUser({ role: "cs", name: "Chika CSM" });
    const t = tag();
    await createAccount({ name: `${t} Owned`, ownerId: csm.id });
    const body = await list(`?q=${t}`, headers);
    expect(body.accounts[0]?.owner).toMatchObject({ name: "Chika CSM" });
    expect(JSON.stringify(body)).not.toMatch(/email|hash/i);
  });
});

describe("account page", () => {
  it("answers 404 for an unknown id", async () => {
    const headers = await staffHeaders();
    const res = await runLoader(accountLoader, getRequest("/admin/accounts/nope", headers), {
      id: "nope",
    });
    expect(res.status).toBe(404);
  });

  it("shows details, owner, members with role and last seen, and the 20 latest events", async () => {
    const headers = await staffHeaders();
    const csm = await createUser({ role: "cs", name: "Owner Person" });
    const account = await createAccount({ name: "Detail Co", ownerId: csm.id });
    const seen = new Date("2025-01-02T03:04:05Z");
    const admin = await createUser({ role: "account_admin", accountId: account.id, name: "Ada" });
    await db.user.update({ where: { id: admin.id }, data: { lastSeenAt: seen } });
    await createUser({ role: "member", accountId: account.id, name: "Bo" });
    const base = Date.now() - 1000 * DAY_MS;
    for (let i = 0; i < RECENT_EVENTS_SHOWN + 5; i++) {
      await db.event.create({
        data: {
          accountId: account.id,
          userId: admin.id,
          type: `test.event_${i}`,
          occurredAt: new Date(base + i * DAY_MS),
        },
      });
    }
    const res = await runLoader(
      accountLoader,
      getRequest(`/admin/accounts/${account.id}`, headers),
      { id: account.id },
    );
    expect(res.status).toBe(200);
    const { account: body } = await res.json();
    expect(body.name).toBe("Detail Co");
    expect(body.owner.name).toBe("Owner Person");
    expect(
      body.members.map((m: { name: string; role: string; lastSeenAt: string | null }) => [
        m.name,
        m.role,
        m.lastSeenAt,
      ]),
    ).toEqual([
      ["Ada", "account_admin", seen.toISOString()],
      ["Bo", "member", null],
    ]);
    expect(body.events).toHaveLength(RECENT_EVENTS_SHOWN);
    expect(body.events[0].type).toBe(`test.event_${RECENT_EVENTS_SHOWN + 4}`);
    expect(body.events[0].user.name).toBe("Ada");
    expect(body.events.at(-1).type).toBe("test.event_5");
  });
});

describe("segment thresholds", () => {
  async function segmentsById() {
    const rows = await db.account.findMany({ select: { id: true, segment: true } });
    return new Map(rows.map((r) => [r.id, r.segment]));
  }
  async function storedSetting() {
    return (await db.setting.findUnique({ where: { key: SEGMENT_THRESHOLDS_KEY } }))?.value ?? null;
  }
  function post(fields: Record<string, string>, headers: Record<string, string>) {
    return runAction(settingsAction, formRequest("/admin/settings", fields, headers));
  }

  afterEach(async () => {
    const staff = await createUser({ role: "admin" });
    await updateSegmentThresholds({ actorId: staff.id, thresholds: DEFAULT_SEGMENT_THRESHOLDS });
  });

  it("falls back to the defaults when nothing is stored", async () => {
    await db.setting.deleteMany({ where: { key: SEGMENT_THRESHOLDS_KEY } });
    expect(await getSegmentThresholds()).toEqual(DEFAULT_SEGMENT_THRESHOLDS);
    const res = await runLoader(
      settingsLoader,
      getRequest("/admin/settings", await staffHeaders()),
    );
    expect((await res.json()).thresholds).toEqual(DEFAULT_SEGMENT_THRESHOLDS);
  });

  it("saves a valid change, re-segments every account, reports the count and audits", async () => {
    const { user, headers } = await signedIn("cs");
    const tech = await createAccount({ arr: 500_000 });
    const low = await createAccount({ arr: 3_000_000 });
    const high = await createAccount({ arr: 12_000_000 });
    const next = { highTouchMinArr: 2_500_000, lowTouchMinArr: 400_000 };
    const before = await segmentsById();
    const arrs = new Map(
      (await db.account.findMany({ select: { id: true, arr: true } })).map((a) => [a.id, a.arr]),
    );
    const expectedChanged = [...before].filter(
      ([id, segment]) => deriveSegment(arrs.get(id)!, next) !== segment,
    ).length;

    const res = await post(
      {
        highTouchMinArr: String(next.highTouchMinArr),
        lowTouchMinArr: String(next.lowTouchMinArr),
      },
      headers,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.changed).toBe(expectedChanged);
    expect(body.changed).toBeGreaterThanOrEqual(2);
    expect(await getSegmentThresholds()).toEqual(next);

    const after = await segmentsById();
    expect(after.get(tech.id)).toBe("low_touch");
    expect(after.get(low.id)).toBe("high_touch");
    expect(after.get(high.id)).toBe("high_touch");
    for (const [id, segment] of after) expect(segment).toBe(deriveSegment(arrs.get(id)!, next));

    const log = await db.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: "settings.segment_thresholds_updated" },
    });
    expect(JSON.parse(log.data)).toMatchObject({ after: next, accountsChanged: expectedChanged });

    // Saving the same thresholds again moves nobody.
    const again = await post(
      {
        highTouchMinArr: String(next.highTouchMinArr),
        lowTouchMinArr: String(next.lowTouchMinArr),
      },
      headers,
    );
    expect((await again.json()).changed).toBe(0);
  });

  it("places new accounts and ARR changes by the stored thresholds", async () => {
    const { headers } = await signedIn("admin");
    await post({ highTouchMinArr: "1000", lowTouchMinArr: "100" }, headers);
    const created = await createAccountWithStoredThresholds({
      externalId: `crm-${tag()}`,
      name: "New Co",
      plan: "team",
      arr: 500,
    });
    expect(created.segment).toBe("low_touch");
    expect((await updateAccountArr(created.id, 5_000)).segment).toBe("high_touch");
    expect((await updateAccountArr(created.id, 99)).segment).toBe("tech_touch");
  });

  describe("refuses bad input with 400 and a field message, changing nothing", () => {
    const cases: [string, Record<string, string>, string, string][] = [
      [
        "an empty field",
        { highTouchMinArr: "", lowTouchMinArr: "100" },
        "highTouchMinArr",
        "This field is required.",
      ],
      ["a missing field", { highTouchMinArr: "5000" }, "lowTouchMinArr", "This field is required."],
      [
        "a negative number",
        { highTouchMinArr: "5000", lowTouchMinArr: "-1" },
        "lowTouchMinArr",
        "Enter a whole number of 0 or more.",
      ],
      [
        "a fraction",
        { highTouchMinArr: "5000.5", lowTouchMinArr: "100" },
        "highTouchMinArr",
        "Enter a whole number of 0 or more.",
      ],
      [
        "text",
        { highTouchMinArr: "lots", lowTouchMinArr: "100" },
        "highTouchMinArr",
        "Enter a whole number of 0 or more.",
      ],
      [
        "digits with separators",
        { highTouchMinArr: "1,000,000", lowTouchMinArr: "100" },
        "highTouchMinArr",
        "Enter a whole number of 0 or more.",
      ],
      [
        "high equal to low",
        { highTouchMinArr: "1000", lowTouchMinArr: "1000" },
        "highTouchMinArr",
        "High-touch must start above low-touch.",
      ],
      [
        "high below low",
        { highTouchMinArr: "10", lowTouchMinArr: "1000" },
        "highTouchMinArr",
        "High-touch must start above low-touch.",
      ],
      [
        "an absurdly large number",
        { highTouchMinArr: "99999999999999999999", lowTouchMinArr: "100" },
        "highTouchMinArr",
        "Enter an amount of at most 2,147,483,647.",
      ],
      [
        "one past the ARR column",
        { highTouchMinArr: "2147483648", lowTouchMinArr: "100" },
        "highTouchMinArr",
        "Enter an amount of at most 2,147,483,647.",
      ],
      ["an exponent", { highTouchMinArr: "1e400", lowTouchMinArr: "100" }, "highTouchMinArr", ""],
    ];

    it.each(cases)("%s", async (_label, fields, field, message) => {
      const headers = await staffHeaders();
      await createAccount({ arr: 1_500_000 });
      await createAccount({ arr: 50_000_000 });
      const setting = await storedSetting();
      const segments = await segmentsById();
      const audits = await db.auditLog.count();

      const res = await post(fields, headers);
      expect(res.status).toBe(400);
      const body = await res.json();
      const errors = body.result.error[field] as string[];
      expect(errors.length).toBeGreaterThan(0);
      if (message) expect(errors).toContain(message);
      expect(body.changed).toBeNull();
      expect(await storedSetting()).toBe(setting);
      expect(await segmentsById()).toEqual(segments);
      expect(await db.auditLog.count()).toBe(audits);
    });

    it("in the user's language", async () => {
      const headers = await staffHeaders("ja");
      const res = await post({ highTouchMinArr: "-5", lowTouchMinArr: "abc" }, headers);
      expect(res.status).toBe(400);
      const { result } = await res.json();
      expect(result.error.highTouchMinArr).toEqual(["0 以上の整数を入力してください。"]);
      expect(result.error.lowTouchMinArr).toEqual(["0 以上の整数を入力してください。"]);
      // What the user typed comes back so that the form keeps it.
      expect(result.initialValue).toEqual({ highTouchMinArr: "-5", lowTouchMinArr: "abc" });
      const order = await post({ highTouchMinArr: "1", lowTouchMinArr: "2" }, headers);
      expect((await order.json()).result.error.highTouchMinArr).toEqual([
        "ハイタッチの下限はロータッチの下限より大きくしてください。",
      ]);
    });
  });

  it.each(["member", "account_admin"] as const)(
    "refuses a %s with 403 and changes nothing",
    async (role) => {
      const { headers } = await signedIn(role);
      await createAccount({ arr: 1_500_000 });
      const setting = await storedSetting();
      const segments = await segmentsById();
      const audits = await db.auditLog.count();
      const res = await post({ highTouchMinArr: "1000", lowTouchMinArr: "1" }, headers);
      expect(res.status).toBe(403);
      expect(await storedSetting()).toBe(setting);
      expect(await segmentsById()).toEqual(segments);
      expect(await db.auditLog.count()).toBe(audits);
    },
  );

  it("sends an anonymous post to sign in and changes nothing", async () => {
    const setting = await storedSetting();
    const res = await post({ highTouchMinArr: "1000", lowTouchMinArr: "1" }, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
    expect(await storedSetting()).toBe(setting);
  });
});
