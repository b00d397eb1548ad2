// Events complete onboarding steps: counts, property matches, duplicates, out-of-order events,
// account versus per-user steps, the portal's own events (reading the linked tutorial), and
// edits of a template that accounts already use.
import { describe, expect, it } from "vitest";
import { applyOnboardingEvents } from "../../app/commands/onboarding-events.server";
import { completeStepByHand } from "../../app/commands/onboarding-progress.server";
import { saveStep, removeStep } from "../../app/commands/onboarding-templates.server";
import { PORTAL_EVENTS, recordEvent, settleRecordedEvents } from "../../app/models/event.server";
import { getCustomerOnboarding, onboardingHealthInputs } from "../../app/models/onboarding.server";
import { loader as articleLoader } from "../../app/routes/kb.$slug";
import { db } from "../../app/utils/db.server";
import {
  assignChecklist,
  createAccount,
  createArticle,
  createChecklistTemplate,
  createEvent,
  createSessionCookie,
  createUser,
} from "../factories";
import { getRequest, runLoader } from "../helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

async function setup(steps: NonNullable<Parameters<typeof createChecklistTemplate>[0]>["steps"]) {
  const account = await createAccount();
  const admin = await createUser({ accountId: account.id, role: "account_admin" });
  const member = await createUser({ accountId: account.id });
  const template = await createChecklistTemplate({ steps });
  const assignment = await assignChecklist(template.id, account.id);
  return { account, admin, member, template, assignment };
}

async function completions(assignmentId: string) {
  return db.stepCompletion.findMany({
    where: { assignmentId },
    select: { stepId: true, subject: true, source: true, completedAt: true },
  });
}

describe("event-driven completion", () => {
  it("completes an account step when the count of matching events is reached, counting each event once", async () => {
    const { account, member, admin, template, assignment } = await setup([
      {
        scope: "account",
        completion: "event",
        eventType: "product.user_invited",
        eventCount: 3,
      },
    ]);
    const step = template.steps[0]!;
    const e1 = await createEvent({
      accountId: account.id,
      userId: admin.id,
      type: "product.user_invited",
    });
    const e2 = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.user_invited",
    });
    await applyOnboardingEvents([e1, e2]);
    // The same two events again (a replay) and one of them twice in one batch: still two.
    await applyOnboardingEvents([e1, e2, e2]);
    expect(await completions(assignment.id)).toEqual([]);
    const progress = await db.stepProgress.findFirstOrThrow({ where: { stepId: step.id } });
    expect(JSON.parse(progress.eventIds)).toHaveLength(2);

    const e3 = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.user_invited",
    });
    const result = await applyOnboardingEvents([e3]);
    expect(result.completed).toBe(1);
    expect(await completions(assignment.id)).toEqual([
      expect.objectContaining({ stepId: step.id, subject: "account", source: "event" }),
    ]);
    // One step done for the whole account: no per-member rows.
    expect(await applyOnboardingEvents([e3])).toEqual({ completed: 0, rejected: [] });
    expect(await db.stepCompletion.count({ where: { assignmentId: assignment.id } })).toBe(1);
  });

  it("needs every property of the match", async () => {
    const { account, member, assignment } = await setup([
      {
        scope: "user",
        completion: "event",
        eventType: "product.report_sent",
        propertyMatch: { kind: "weekly", channel: "email" },
      },
    ]);
    const wrong = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.report_sent",
      properties: { kind: "weekly", channel: "slack" },
    });
    const partial = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.report_sent",
      properties: { kind: "weekly" },
    });
    await applyOnboardingEvents([wrong, partial]);
    expect(await completions(assignment.id)).toEqual([]);
    const right = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.report_sent",
      properties: { kind: "weekly", channel: "email", extra: 1 },
    });
    await applyOnboardingEvents([right]);
    expect(await completions(assignment.id)).toEqual([
      expect.objectContaining({ subject: member.id }),
    ]);
  });

  it("completes per-user steps per member; events without a user complete only account steps", async () => {
    const { account, member, admin, template, assignment } = await setup([
      { scope: "user", completion: "event", eventType: "product.project_created" },
      { scope: "account", completion: "event", eventType: "product.project_created" },
    ]);
    const [userStep, accountStep] = template.steps;
    const anonymous = await createEvent({ accountId: account.id, type: "product.project_created" });
    await applyOnboardingEvents([anonymous]);
    expect(await completions(assignment.id)).toEqual([
      expect.objectContaining({ stepId: accountStep!.id, subject: "account" }),
    ]);
    const byMember = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.project_created",
    });
    await applyOnboardingEvents([byMember]);
    const rows = await completions(assignment.id);
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual(
      expect.objectContaining({ stepId: userStep!.id, subject: member.id }),
    );
    // The admin's own per-user step is still open.
    const adminView = await getCustomerOnboarding(admin, "en");
    expect(adminView[0]!.steps.map((s) => s.status)).toEqual(["open", "done"]);
    expect(adminView[0]!.team!.members.find((m) => m.id === member.id)!.done).toBe(1);
  });

  it("takes events out of order: a later step first, older events after newer ones", async () => {
    const { account, member, template, assignment } = await setup([
      { scope: "account", completion: "event", eventType: "product.project_created" },
      { scope: "account", completion: "event", eventType: "product.report_sent", eventCount: 2 },
    ]);
    const now = Date.now();
    const newer = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.report_sent",
      occurredAt: new Date(now - 1 * DAY_MS),
    });
    const older = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.report_sent",
      occurredAt: new Date(now - 3 * DAY_MS),
    });
    await applyOnboardingEvents([newer]);
    await applyOnboardingEvents([older]);
    const rows = await completions(assignment.id);
    expect(rows).toEqual([expect.objectContaining({ stepId: template.steps[1]!.id })]);
    // Completed when the counted events happened, not when they arrived.
    expect(rows[0]!.completedAt.getTime()).toBe(now - 3 * DAY_MS);
    const first = await createEvent({
      accountId: account.id,
      type: "product.project_created",
      occurredAt: new Date(now - 5 * DAY_MS),
    });
    await applyOnboardingEvents([first]);
    const finished = await db.checklistAssignment.findUniqueOrThrow({
      where: { id: assignment.id },
    });
    expect(finished.completedAt).not.toBeNull();
    expect(
      await db.event.count({
        where: { accountId: account.id, type: PORTAL_EVENTS.onboardingCompleted },
      }),
    ).toBe(1);
  });

  it("refuses events for an unknown account or user and stores nothing for them", async () => {
    const { account, member, assignment } = await setup([
      { scope: "account", completion: "event", eventType: "product.project_created" },
    ]);
    const other = await createUser();
    const base = { type: "product.project_created", properties: {}, occurredAt: new Date() };
    const result = await applyOnboardingEvents([
      { ...base, id: "e-1", accountId: "no-such-account", userId: null },
      { ...base, id: "e-2", accountId: account.id, userId: "no-such-user" },
      { ...base, id: "e-3", accountId: account.id, userId: other.id },
    ]);
    expect(result).toEqual({
      completed: 0,
      rejected: [
        { index: 0, reason: "unknown_account" },
        { index: 1, reason: "unknown_user" },
        { index: 2, reason: "user_not_in_account" },
      ],
    });
    expect(await completions(assignment.id)).toEqual([]);
    const good = await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "product.project_created",
    });
    expect((await applyOnboardingEvents([good])).completed).toBe(1);
  });

  it("completes the step of the linked tutorial when the customer opens it in the portal", async () => {
    const article = await createArticle({
      type: "tutorial",
      translationKey: "first-project-tutorial",
    });
    const ja = await createArticle({
      type: "tutorial",
      translationKey: "first-project-tutorial",
      locale: "ja",
    });
    const { member, admin, assignment } = await setup([
      { scope: "user", completion: "article", articleKey: "first-project-tutorial" },
    ]);
    const { cookie } = await createSessionCookie(member.id);
    const res = await runLoader(
      articleLoader,
      getRequest(`/kb/${article.slug}`, { Cookie: cookie }),
      { slug: article.slug },
    );
    expect(res.status).toBe(200);
    expect(await completions(assignment.id)).toEqual([
      expect.objectContaining({ subject: member.id, source: "event" }),
    ]);
    // recordEvent() goes through the same entry point: the Japanese version counts too.
    await recordEvent({
      type: PORTAL_EVENTS.articleViewed,
      accountId: admin.accountId,
      userId: admin.id,
      properties: { articleId: ja.id, slug: ja.slug },
    });
    expect(await completions(assignment.id)).toHaveLength(2);
  });
});

describe("manual steps", () => {
  it("are ticked by hand once; events never undo them and automatic steps refuse a tick", async () => {
    const { member, template, assignment } = await setup([
      { scope: "user", completion: "manual" },
      { scope: "user", completion: "event", eventType: "product.project_created" },
      { scope: "account", completion: "manual" },
    ]);
    const [manual, automatic, accountStep] = template.steps;
    expect(await completeStepByHand({ user: member, stepId: manual!.id })).toBe("done");
    expect(await completeStepByHand({ user: member, stepId: manual!.id })).toBe("already_done");
    await expect(completeStepByHand({ user: member, stepId: automatic!.id })).rejects.toMatchObject(
      {
        code: "automaticStep",
      },
    );
    await expect(
      completeStepByHand({ user: member, stepId: accountStep!.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const rows = await completions(assignment.id);
    expect(rows).toEqual([
      expect.objectContaining({ stepId: manual!.id, subject: member.id, source: "manual" }),
    ]);
  });

  it("refuse a step of another account's checklist as unknown", async () => {
    const { template } = await setup([{ scope: "user", completion: "manual" }]);
    const stranger = await createUser();
    await expect(
      completeStepByHand({ user: stranger, stepId: template.steps[0]!.id }),
    ).rejects.toMatchObject({ code: "notFound" });
    expect(await db.stepCompletion.count({ where: { stepId: template.steps[0]!.id } })).toBe(0);
  });
});

describe("editing a template in use", () => {
  it("keeps finished steps finished, starts new steps open, and stops counting removed steps", async () => {
    const cs = await createUser({ role: "cs" });
    const { account, member, template, assignment } = await setup([
      { scope: "account", completion: "event", eventType: "product.project_created", dueDays: 7 },
      { scope: "user", completion: "manual" },
    ]);
    const [first, second] = template.steps;
    await applyOnboardingEvents([
      await createEvent({ accountId: account.id, type: "product.project_created" }),
    ]);
    await completeStepByHand({ user: member, stepId: second!.id });
    // CS changes the rule of a finished step: it stays finished.
    await saveStep({
      actorId: cs.id,
      templateId: template.id,
      stepId: first!.id,
      values: {
        titleEn: "Create two projects",
        titleJa: "プロジェクトを 2 つ作成",
        bodyEn: "",
        bodyJa: "",
        articleKey: null,
        dueDays: 7,
        scope: "account",
        completion: "event",
        eventType: "product.project_created",
        propertyMatch: {},
        eventCount: 2,
        requires: [],
      },
    });
    const added = await saveStep({
      actorId: cs.id,
      templateId: template.id,
      stepId: null,
      values: {
        titleEn: "Send a report",
        titleJa: "レポートを送信",
        bodyEn: "",
        bodyJa: "",
        articleKey: null,
        dueDays: 14,
        scope: "account",
        completion: "manual",
        eventType: null,
        propertyMatch: {},
        eventCount: 1,
        requires: [first!.id],
      },
    });
    let view = (await getCustomerOnboarding(member, "en"))[0]!;
    expect(view.steps.map((s) => [s.title, s.status])).toEqual([
      ["Create two projects", "done"],
      [second!.titleEn, "done"],
      ["Send a report", "open"],
    ]);
    expect([view.done, view.total]).toEqual([2, 3]);

    await removeStep({ actorId: cs.id, templateId: template.id, stepId: second!.id });
    view = (await getCustomerOnboarding(member, "en"))[0]!;
    expect([view.done, view.total]).toEqual([1, 2]);
    // The completion of the removed step is kept as history.
    expect(await db.stepCompletion.count({ where: { stepId: second!.id } })).toBe(1);
    expect(added.id).toBeTruthy();
    expect(await onboardingHealthInputs(account.id)).toMatchObject({
      assignments: 1,
      stepsTotal: 2,
      stepsDone: 1,
      stepsOverdue: 0,
    });
    expect(assignment.accountId).toBe(account.id);
  });
});

describe("events recorded inside a command's transaction", () => {
  it("complete a step once the transaction is over (a reply in the community)", async () => {
    const { member, template, assignment } = await setup([
      { completion: "event", eventType: PORTAL_EVENTS.replyPosted, scope: "user" },
    ]);
    const step = template.steps[0]!;
    await db.$transaction(async (tx) => {
      await recordEvent(
        { type: PORTAL_EVENTS.replyPosted, accountId: member.accountId, userId: member.id },
        tx,
      );
      // Nothing completes before the commit: the command may still roll back.
      expect(await tx.stepCompletion.count({ where: { stepId: step.id } })).toBe(0);
    });
    await settleRecordedEvents();
    expect(await completions(assignment.id)).toEqual([
      expect.objectContaining({ stepId: step.id, subject: member.id }),
    ]);
  });

  it("complete nothing when that transaction rolls back", async () => {
    const { member, assignment } = await setup([
      { completion: "event", eventType: PORTAL_EVENTS.replyPosted, scope: "user" },
    ]);
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(
          { type: PORTAL_EVENTS.replyPosted, accountId: member.accountId, userId: member.id },
          tx,
        );
        throw new Error("the command failed after recording its event");
      }),
    ).rejects.toThrow("the command failed");
    await settleRecordedEvents();
    expect(await completions(assignment.id)).toEqual([]);
  });
});
