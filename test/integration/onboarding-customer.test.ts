// The customer's /onboarding page and home widget: own account only, per-member progress for
// account admins only, ticking manual steps, and the celebration when everything is done.
import { describe, expect, it } from "vitest";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { action, loader } from "../../app/routes/onboarding";
import { db } from "../../app/utils/db.server";
import {
  assignChecklist,
  createAccount,
  createArticle,
  createChecklistTemplate,
  createSessionCookie,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function signedIn(
  accountId: string,
  role: "member" | "account_admin" = "member",
  locale = "en",
) {
  const user = await createUser({ accountId, role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

type Page = {
  checklists: {
    title: string;
    done: number;
    total: number;
    complete: boolean;
    steps: {
      id: string;
      title: string;
      status: string;
      canMarkDone: boolean;
      article: { slug: string } | null;
    }[];
    team: { members: { name: string; done: number }[] } | null;
  }[];
};

async function page(headers: Record<string, string>): Promise<Page> {
  const res = await runLoader(loader, getRequest("/onboarding", headers));
  expect(res.status).toBe(200);
  return res.json();
}

function markDone(stepId: string, headers: Record<string, string>) {
  return runAction(action, formRequest("/onboarding", { intent: "done", stepId }, headers));
}

async function scenario() {
  const article = await createArticle({ type: "tutorial", title: "Create your first project" });
  const account = await createAccount();
  const tpl = await createChecklistTemplate({
    titleEn: "Getting started",
    titleJa: "はじめに",
    steps: [
      {
        titleEn: "Read the tutorial",
        scope: "user",
        completion: "article",
        articleKey: article.translationKey,
      },
      { titleEn: "Confirm billing contact", scope: "account", completion: "manual" },
      { titleEn: "Set your profile", scope: "user", completion: "manual" },
    ],
  });
  await assignChecklist(tpl.id, account.id);
  return { article, account, tpl };
}

describe("/onboarding", () => {
  it("shows a member their steps with the tutorial link, and never the team or another account", async () => {
    const { article, account } = await scenario();
    const member = await signedIn(account.id);
    const view = await page(member.headers);
    expect(view.checklists).toHaveLength(1);
    const [list] = view.checklists;
    expect(list!.title).toBe("Getting started");
    expect(list!.steps.map((s) => [s.title, s.status, s.canMarkDone])).toEqual([
      ["Read the tutorial", "open", false],
      ["Confirm billing contact", "open", false],
      ["Set your profile", "open", true],
    ]);
    expect(list!.steps[0]!.article?.slug).toBe(article.slug);
    expect(list!.team).toBeNull();

    const stranger = await signedIn((await createAccount()).id, "account_admin");
    expect((await page(stranger.headers)).checklists).toEqual([]);
    // A step of another account's checklist is unknown to them, and nothing is stored.
    const res = await markDone(list!.steps[2]!.id, stranger.headers);
    expect(res.status).toBe(404);
    expect(await db.stepCompletion.count({ where: { stepId: list!.steps[2]!.id } })).toBe(0);
  });

  it("lets members tick their own manual steps, account admins the account's, and shows admins the team", async () => {
    const { account } = await scenario();
    const member = await signedIn(account.id);
    const admin = await signedIn(account.id, "account_admin", "ja");
    const steps = (await page(member.headers)).checklists[0]!.steps;

    const forbidden = await markDone(steps[1]!.id, member.headers);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).message).toBe("Only account admins can do this.");
    const automatic = await markDone(steps[0]!.id, member.headers);
    expect(automatic.status).toBe(422);

    const ok = await markDone(steps[2]!.id, member.headers);
    expect(ok.status).toBe(200);
    expect((await ok.json()).message).toBe("Step marked as done.");
    expect((await (await markDone(steps[2]!.id, member.headers)).json()).message).toBe(
      "That step was already done.",
    );
    const adminDone = await markDone(steps[1]!.id, admin.headers);
    expect((await adminDone.json()).message).toBe("ステップを完了にしました。");

    const memberView = (await page(member.headers)).checklists[0]!;
    expect([memberView.done, memberView.total]).toEqual([2, 3]);
    const adminView = (await page(admin.headers)).checklists[0]!;
    expect(adminView.title).toBe("はじめに");
    expect([adminView.done, adminView.total]).toEqual([1, 3]);
    expect(adminView.team!.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: member.user.name, done: 1 }),
        expect.objectContaining({ name: admin.user.name, done: 0 }),
      ]),
    );
  });

  it("celebrates and records a finished list once, and the home widget follows progress", async () => {
    const account = await createAccount();
    const tpl = await createChecklistTemplate({
      titleEn: "Two steps",
      steps: [
        { titleEn: "First", scope: "user" },
        { titleEn: "Second", scope: "user" },
      ],
    });
    await assignChecklist(tpl.id, account.id);
    const member = await signedIn(account.id);
    let home = await (await runLoader(homeLoader, getRequest("/", member.headers))).json();
    expect(home.onboarding).toMatchObject({
      title: "Two steps",
      done: 0,
      total: 2,
      next: { title: "First" },
    });

    const steps = (await page(member.headers)).checklists[0]!.steps;
    await markDone(steps[0]!.id, member.headers);
    home = await (await runLoader(homeLoader, getRequest("/", member.headers))).json();
    expect(home.onboarding).toMatchObject({ done: 1, next: { title: "Second" } });
    await markDone(steps[1]!.id, member.headers);

    const view = (await page(member.headers)).checklists[0]!;
    expect(view.complete).toBe(true);
    home = await (await runLoader(homeLoader, getRequest("/", member.headers))).json();
    expect(home.onboarding).toBeNull();
    const recorded = await db.event.findMany({
      where: { accountId: account.id, type: PORTAL_EVENTS.onboardingCompleted },
      select: { userId: true, properties: true },
    });
    expect(recorded.map((e) => [e.userId, JSON.parse(e.properties).scope]).sort()).toEqual(
      [
        [member.user.id, "user"],
        [null, "account"],
      ].sort(),
    );
  });

  it("answers bad input with a precise 4xx and staff with a pointer to the console", async () => {
    const account = await createAccount();
    const member = await signedIn(account.id);
    const bad = await runAction(
      action,
      formRequest("/onboarding", { intent: "undo", stepId: "x" }, member.headers),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe("Unknown action.");
    expect((await markDone("x".repeat(200), member.headers)).status).toBe(404);
    const cs = await createUser({ role: "cs" });
    const { cookie } = await createSessionCookie(cs.id);
    const staffView = await (
      await runLoader(loader, getRequest("/onboarding", { Cookie: cookie }))
    ).json();
    expect(staffView).toEqual({ staff: true, checklists: [] });
    const anonymous = await runLoader(loader, getRequest("/onboarding"));
    expect(anonymous.status).toBe(302);
  });
});
