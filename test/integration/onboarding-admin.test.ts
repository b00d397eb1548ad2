// The CS console for checklists: bad input refused with precise messages and nothing stored,
// publishing assigns, the funnel's numbers on a data set whose answer is known, stuck accounts
// raising one alert each, and who may open what.
import { beforeEach, describe, expect, it } from "vitest";
import { detectStuckAccounts } from "../../app/commands/onboarding-stuck.server";
import { createAccount as createAccountForReal } from "../../app/models/account.server";
import { loader as accountLoader } from "../../app/routes/admin.accounts.$id";
import { action as editAction, loader as editLoader } from "../../app/routes/admin.checklists.$id";
import {
  action as funnelAction,
  loader as funnelLoader,
} from "../../app/routes/admin.checklists.$id_.funnel";
import {
  action as listAction,
  loader as listLoader,
} from "../../app/routes/admin.checklists._index";
import { db } from "../../app/utils/db.server";
import {
  assignChecklist,
  createAccount,
  createChecklistTemplate,
  createSessionCookie,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

async function staff(locale = "en") {
  const user = await createUser({ role: "cs", locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

function edit(id: string, fields: Record<string, string>, headers: Record<string, string>) {
  return runAction(editAction, formRequest(`/admin/checklists/${id}`, fields, headers), {}, { id });
}

const validStep = {
  intent: "saveStep",
  titleEn: "Send your first report",
  titleJa: "最初のレポートを送信",
  scope: "account",
  completion: "event",
  eventType: "product.report_sent",
  eventCount: "1",
};

async function counts() {
  return {
    templates: await db.checklistTemplate.count(),
    steps: await db.checklistStep.count(),
    assignments: await db.checklistAssignment.count(),
  };
}

beforeEach(async () => {
  await db.alert.deleteMany();
  await db.checklistTemplate.deleteMany();
});

describe("bad input", () => {
  it("refuses each mistake with a precise message and stores nothing", async () => {
    const { headers } = await staff();
    const draft = await createChecklistTemplate({ status: "draft", steps: [] });
    const before = await counts();

    const unknownType = await edit(
      draft.id,
      { ...validStep, eventType: "product.raport_sent" },
      headers,
    );
    expect(unknownType.status).toBe(400);
    expect(JSON.stringify(await unknownType.json())).toContain(
      "“product.raport_sent” is not an event type the portal knows.",
    );

    const malformed = await edit(
      draft.id,
      { ...validStep, propertyMatch: "kind = weekly\nchannel email" },
      headers,
    );
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain(
      "Line 2: write each condition as key = value.",
    );

    const badCount = await edit(draft.id, { ...validStep, eventCount: "0" }, headers);
    expect(JSON.stringify(await badCount.json())).toContain("Enter a whole number from 1 to 100.");

    const noSteps = await edit(draft.id, { intent: "publish" }, headers);
    expect(noSteps.status).toBe(422);
    expect((await noSteps.json()).error).toBe(
      "A checklist needs at least one step before it can be published.",
    );
    expect(await counts()).toEqual(before);
    expect((await db.checklistTemplate.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe(
      "draft",
    );
  });

  it("refuses a cycle in the comes-after links, in Japanese for a Japanese editor", async () => {
    const { headers } = await staff("ja");
    const tpl = await createChecklistTemplate({ status: "draft", steps: [{}, {}] });
    const [a, b] = tpl.steps;
    await db.checklistStep.update({
      where: { id: b!.id },
      data: { requires: JSON.stringify([a!.id]) },
    });
    const res = await edit(
      tpl.id,
      {
        intent: "saveStep",
        stepId: a!.id,
        titleEn: a!.titleEn,
        titleJa: a!.titleJa,
        scope: "user",
        completion: "manual",
        requires: b!.id,
      },
      headers,
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("循環");
    expect((await db.checklistStep.findUniqueOrThrow({ where: { id: a!.id } })).requires).toBe(
      "[]",
    );
  });

  it("refuses assigning to a churned, unknown or already assigned account", async () => {
    const { headers } = await staff();
    const tpl = await createChecklistTemplate();
    const churned = await createAccount({ status: "churned", name: "Gone Ltd" });
    const active = await createAccount({ name: "Active Inc" });
    await assignChecklist(tpl.id, active.id);
    const before = await counts();
    const cases: [string, number, string][] = [
      [
        churned.externalId,
        422,
        "Gone Ltd has churned; checklists cannot be assigned to churned accounts.",
      ],
      ["CRM-NOPE", 422, "No account has the id “CRM-NOPE”."],
      [active.externalId, 409, "Active Inc already has this checklist."],
      ["", 400, "Required"],
    ];
    for (const [account, status, message] of cases) {
      const res = await edit(tpl.id, { intent: "assign", account }, headers);
      expect(res.status, account).toBe(status);
      const body = JSON.stringify(await res.json());
      if (status !== 400) expect(body).toContain(message);
    }
    expect(await counts()).toEqual(before);
    const ok = await edit(
      tpl.id,
      { intent: "assign", account: (await createAccount()).externalId },
      headers,
    );
    expect(ok.status).toBe(200);
    expect(await db.checklistAssignment.count()).toBe(before.assignments + 1);
  });
});

describe("publishing and automatic assignment", () => {
  it("assigns the onboarding accounts of the audience on publish, and new accounts when they start", async () => {
    const { headers } = await staff();
    const create = await runAction(
      listAction,
      formRequest(
        "/admin/checklists",
        { titleEn: "Getting started", titleJa: "はじめに" },
        headers,
      ),
    );
    expect(create.status).toBe(302);
    const id = create.headers.get("Location")!.split("/").pop()!;
    const saved = await edit(
      id,
      {
        intent: "saveTemplate",
        titleEn: "Getting started",
        titleJa: "はじめに",
        segments: "tech_touch",
      },
      headers,
    );
    expect(saved.status).toBe(200);
    expect((await edit(id, validStep, headers)).status).toBe(200);

    const small = await createAccount({ arr: 500_000 });
    const big = await createAccount({ arr: 50_000_000 });
    const mature = await createAccount({ arr: 500_000, lifecycleStage: "mature" });
    const churned = await createAccount({ arr: 500_000, status: "churned" });
    const published = await edit(id, { intent: "publish" }, headers);
    expect(published.status).toBe(200);
    const assigned = await db.checklistAssignment.findMany({
      where: { templateId: id },
      select: { accountId: true },
    });
    const ids = assigned.map((a) => a.accountId);
    expect(ids).toContain(small.id);
    expect(ids).not.toContain(big.id);
    expect(ids).not.toContain(mature.id);
    expect(ids).not.toContain(churned.id);

    const fresh = await createAccountForReal({
      externalId: "CRM-NEW-1",
      name: "New Co",
      plan: "starter",
      arr: 300_000,
    });
    expect(
      await db.checklistAssignment.count({ where: { templateId: id, accountId: fresh.id } }),
    ).toBe(1);
  });
});

describe("funnel", () => {
  it("counts accounts per step, median time from the previous step, and where they stopped", async () => {
    const { headers } = await staff();
    const tpl = await createChecklistTemplate({
      steps: [{ scope: "account" }, { scope: "user" }, { scope: "account" }],
    });
    const [a, b, c] = tpl.steps;
    const start = new Date(Date.now() - 2 * DAY_MS);
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS);
    // Reached (hours after the start): acct1 a2 b6 c10; acct2 a4 b5; acct3 a6; acct4 nothing.
    const plan: [string, number][][] = [
      [
        ["a", 2],
        ["b", 6],
        ["c", 10],
      ],
      [
        ["a", 4],
        ["b", 5],
      ],
      [["a", 6]],
      [],
    ];
    const ids = { a: a!.id, b: b!.id, c: c!.id } as Record<string, string>;
    for (const steps of plan) {
      const account = await createAccount();
      const member = await createUser({ accountId: account.id });
      const other = await createUser({ accountId: account.id });
      const assignment = await assignChecklist(tpl.id, account.id, start);
      for (const [key, hours] of steps) {
        const perUser = key === "b";
        await db.stepCompletion.create({
          data: {
            assignmentId: assignment.id,
            stepId: ids[key]!,
            subject: perUser ? member.id : "account",
            source: "manual",
            completedAt: at(hours),
          },
        });
        // A second member doing a per-user step later does not move when the account reached it.
        if (perUser) {
          await db.stepCompletion.create({
            data: {
              assignmentId: assignment.id,
              stepId: ids[key]!,
              subject: other.id,
              source: "manual",
              completedAt: at(hours + 20),
            },
          });
        }
      }
    }
    const res = await runLoader(
      funnelLoader,
      getRequest(`/admin/checklists/${tpl.id}/funnel`, headers),
      {
        id: tpl.id,
      },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.funnel.started).toBe(4);
    expect(body.funnel.completed).toBe(1);
    expect(body.funnel.rows.map((r: { reached: number }) => r.reached)).toEqual([3, 2, 1]);
    expect(body.funnel.rows.map((r: { stalled: number }) => r.stalled)).toEqual([1, 1, 1]);
    // a: 2, 4, 6 h -> 4 h; b: 4, 1 h -> 2.5 h; c: 4 h.
    expect(body.funnel.rows.map((r: { medianMs: number }) => r.medianMs / HOUR_MS)).toEqual([
      4, 2.5, 4,
    ]);
  });
});

describe("stuck accounts", () => {
  it("raise one alert per stuck situation for the owner, shown on the funnel and the account page", async () => {
    const { user: owner, headers } = await staff();
    // The steps existed before the start (a step added later is due counted from when it was added).
    const designed = new Date(Date.now() - 30 * DAY_MS);
    const tpl = await createChecklistTemplate({
      steps: [{ scope: "account", dueDays: 3, createdAt: designed }, { createdAt: designed }],
    });
    const account = await createAccount({ ownerId: owner.id, name: "Slow Start KK" });
    const assignment = await assignChecklist(tpl.id, account.id, new Date(Date.now() - 5 * DAY_MS));
    const onTrack = await createAccount();
    await assignChecklist(tpl.id, onTrack.id);

    expect(await detectStuckAccounts()).toEqual({ raised: 1, closed: 0 });
    expect(await detectStuckAccounts()).toEqual({ raised: 0, closed: 0 });
    const funnel = await (
      await runLoader(funnelLoader, getRequest(`/admin/checklists/${tpl.id}/funnel`, headers), {
        id: tpl.id,
      })
    ).json();
    expect(funnel.stuck.map((s: { accountName: string }) => s.accountName)).toEqual([
      "Slow Start KK",
    ]);
    expect(funnel.stuck[0]).toMatchObject({ overdue: 1, done: 0, total: 2 });
    expect(funnel.alerts).toHaveLength(1);
    const alert = await db.alert.findFirstOrThrow({ where: { accountId: account.id } });
    expect(alert).toMatchObject({ ownerId: owner.id, kind: "onboarding_stuck", status: "open" });

    const page = await (
      await runLoader(accountLoader, getRequest(`/admin/accounts/${account.id}`, headers), {
        id: account.id,
      })
    ).json();
    expect(page.onboarding.checklists[0]).toMatchObject({ stuck: true, overdue: 1 });
    expect(page.onboarding.alerts.map((a: { id: string }) => a.id)).toEqual([alert.id]);

    const ack = await runAction(
      funnelAction,
      formRequest(
        `/admin/checklists/${tpl.id}/funnel`,
        { intent: "acknowledge", alertId: alert.id },
        headers,
      ),
      {},
      { id: tpl.id },
    );
    expect(ack.status).toBe(200);
    const again = await runAction(
      funnelAction,
      formRequest(
        `/admin/checklists/${tpl.id}/funnel`,
        { intent: "acknowledge", alertId: alert.id },
        headers,
      ),
      {},
      { id: tpl.id },
    );
    expect(again.status).toBe(409);

    // Progress ends the situation: the alert closes and no new one is raised.
    await db.stepCompletion.create({
      data: {
        assignmentId: assignment.id,
        stepId: tpl.steps[0]!.id,
        subject: "account",
        source: "manual",
        completedAt: new Date(),
      },
    });
    await db.checklistAssignment.update({
      where: { id: assignment.id },
      data: { progressAt: new Date() },
    });
    expect(await detectStuckAccounts()).toEqual({ raised: 0, closed: 1 });
    expect(await db.alert.count({ where: { accountId: account.id } })).toBe(1);
  });
});

describe("authorization", () => {
  it("keeps customers out of the checklist console", async () => {
    const tpl = await createChecklistTemplate();
    const admin = await createUser({ role: "account_admin" });
    const { cookie } = await createSessionCookie(admin.id);
    const headers = { Cookie: cookie };
    expect((await runLoader(listLoader, getRequest("/admin/checklists", headers))).status).toBe(
      403,
    );
    expect(
      (
        await runLoader(editLoader, getRequest(`/admin/checklists/${tpl.id}`, headers), {
          id: tpl.id,
        })
      ).status,
    ).toBe(403);
    const res = await edit(tpl.id, { intent: "archive" }, headers);
    expect(res.status).toBe(403);
    expect((await db.checklistTemplate.findUniqueOrThrow({ where: { id: tpl.id } })).status).toBe(
      "published",
    );
    const { headers: cs } = await staff();
    expect(
      (await runLoader(editLoader, getRequest("/admin/checklists/nope", cs), { id: "nope" }))
        .status,
    ).toBe(404);
  });
});
