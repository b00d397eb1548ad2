// Newsletters against a real database: the exact audience of a known data set, refusals that store
// nothing, one e-mail per reader however often "send" is pressed, and the tracking redirect.
import { describe, expect, it } from "vitest";
import {
  NewsletterError,
  resumeStalledNewsletters,
  saveNewsletter,
  sendNewsletter,
  sendTestNewsletter,
  STALLED_SEND_MS,
} from "../../app/commands/newsletters.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { countAudience, listAudience, type Audience } from "../../app/models/newsletter.server";
import { action as editorAction } from "../../app/routes/admin.newsletters.$id";
import { action as newAction } from "../../app/routes/admin.newsletters.new";
import { loader as clickLoader } from "../../app/routes/newsletters.$id.l.$n";
import { loader as readLoader } from "../../app/routes/newsletters.$id";
import { db } from "../../app/utils/db.server";
import { createAccount, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const NONE: Audience = { segments: [], plans: [], stages: [], locales: [] };

/** Accounts and people whose attributes decide who is in which audience. */
async function population() {
  const tag = Math.random().toString(36).slice(2, 8);
  const techStarter = await createAccount({
    arr: 100_000,
    plan: "starter",
    lifecycleStage: "onboarding",
  });
  const techTeam = await createAccount({ arr: 100_000, plan: "team", lifecycleStage: "adopting" });
  const high = await createAccount({
    arr: 50_000_000,
    plan: "enterprise",
    lifecycleStage: "mature",
  });
  const churned = await createAccount({ arr: 100_000, plan: "starter", status: "churned" });
  const mk = (
    name: string,
    accountId: string | null,
    locale: string | null,
    role: "member" | "account_admin" | "cs" = "member",
  ) =>
    createUser({
      name: `${name}-${tag}`,
      email: `${name}-${tag}@example.test`,
      accountId,
      locale,
      role,
    });
  const people = {
    aiko: await mk("aiko", techStarter.id, "ja"),
    ben: await mk("ben", techStarter.id, "en", "account_admin"),
    chika: await mk("chika", techTeam.id, null),
    dan: await mk("dan", high.id, "en"),
    optedOut: await mk("optout", techTeam.id, "ja"),
    gone: await mk("gone", churned.id, "en"),
    staff: await mk("staff", null, "en", "cs"),
  };
  await db.notificationPreference.create({
    data: { userId: people.optedOut.id, kind: "newsletter", email: "never" },
  });
  return { people, tag };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("newsletter audience", () => {
  it("selects exactly the customers matching every chosen list, minus opt-outs and churned accounts", async () => {
    const { people: p } = await population();
    const mine = new Set(Object.values(p).map((u) => u.id));
    const pick = async (a: typeof NONE) =>
      ids((await listAudience(a)).filter((u) => mine.has(u.id)));

    expect(await pick({ ...NONE, segments: ["tech_touch"] })).toEqual(
      ids([p.aiko, p.ben, p.chika]),
    );
    expect(await pick({ ...NONE, segments: ["tech_touch"], plans: ["team"] })).toEqual(
      ids([p.chika]),
    );
    expect(await pick({ ...NONE, stages: ["onboarding", "mature"] })).toEqual(
      ids([p.aiko, p.ben, p.dan]),
    );
    // No own language counts as the default (English).
    expect(await pick({ ...NONE, segments: ["tech_touch"], locales: ["en"] })).toEqual(
      ids([p.ben, p.chika]),
    );
    expect(await pick({ ...NONE, locales: ["ja"] })).toEqual(ids([p.aiko]));
    expect(await pick(NONE)).toEqual(ids([p.aiko, p.ben, p.chika, p.dan]));
  });

  it("refuses an empty audience and unsafe Markdown, storing nothing", async () => {
    const cs = await createUser({ role: "cs" });
    const before = await db.newsletter.count();
    await expect(
      saveNewsletter({
        actorId: cs.id,
        values: {
          subject: "S",
          body: "Hi",
          audience: { ...NONE, plans: ["enterprise"], stages: ["at_risk"] },
        },
      }),
    ).rejects.toMatchObject({ code: "emptyAudience" });
    for (const body of [
      "Hello <script>alert(1)</script>",
      '<iframe src="https://evil.example"></iframe>',
      "[click](javascript:alert(1))",
      '<img src="x" onerror="alert(1)">',
    ]) {
      await expect(
        saveNewsletter({ actorId: cs.id, values: { subject: "S", body, audience: NONE } }),
      ).rejects.toBeInstanceOf(NewsletterError);
    }
    expect(await db.newsletter.count()).toBe(before);
  });

  it("answers the editor with field messages and a 422, never a 500", async () => {
    const cs = await createUser({ role: "cs" });
    const { cookie } = await createSessionCookie(cs.id);
    const res = await runAction(
      newAction,
      formRequest(
        "/admin/newsletters/new",
        {
          intent: "save",
          subject: "News",
          body: "<script>x</script>",
          plans: "enterprise",
          stages: "at_risk",
        },
        { Cookie: cookie },
      ),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors.body).toContain("<script>");
    expect(body.errors.audience).toBe(
      "No one matches this audience. Choose other segments, plans, stages or languages.",
    );
    const bad = await runAction(
      newAction,
      formRequest(
        "/admin/newsletters/new",
        { intent: "save", subject: "", body: "x", plans: "gold" },
        { Cookie: cookie },
      ),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({
      subject: "This field is required.",
      audience: "Choose one of the options.",
    });
  });
});

describe("sending", () => {
  it("sends once to the audience, who may then read it; clicks are engagement of the reader's account", async () => {
    const { people: p, tag } = await population();
    const cs = await createUser({ role: "cs", email: `cs-${tag}@example.test` });
    const audience = { ...NONE, segments: ["tech_touch" as const], locales: ["ja" as const] };
    expect(await countAudience(audience)).toBeGreaterThanOrEqual(1);
    const { id } = await saveNewsletter({
      actorId: cs.id,
      values: {
        subject: `今月のお知らせ ${tag}`,
        body: "新機能: [リリースノート](https://acme.example/releases) と [記事](/kb/getting-started)",
        audience,
      },
    });

    // A test goes to the CS person only, marked [TEST].
    await sendTestNewsletter({ actor: cs, id });
    const test = await db.emailOutbox.findFirstOrThrow({ where: { to: cs.email } });
    expect(test.subject).toBe(`[TEST] 今月のお知らせ ${tag}`);

    const first = await sendNewsletter({ actorId: cs.id, id });
    await expect(sendNewsletter({ actorId: cs.id, id })).rejects.toMatchObject({
      code: "alreadySent",
    });
    const mails = await db.emailOutbox.findMany({
      where: { kind: "newsletter", dedupeKey: { startsWith: `newsletter:${id}:` } },
    });
    expect(mails.length).toBe(first.recipients);
    expect(mails.map((m) => m.to)).toContain(p.aiko.email);
    expect(mails.map((m) => m.to)).not.toContain(p.optedOut.email);
    const aikoMail = mails.find((m) => m.to === p.aiko.email)!;
    expect(JSON.parse(aikoMail.headers)["List-Unsubscribe-Post"]).toBe(
      "List-Unsubscribe=One-Click",
    );
    const tracked =
      /http:\/\/localhost:\d+(\/newsletters\/[^"\s]+\/l\/0\?u=[^"\s&]+&(?:amp;)?s=[\w-]+)/
        .exec(aikoMail.html!)![1]!
        .replace("&amp;", "&");

    // The reader opens the link from the e-mail: an event for their account, then the target.
    const click = await runLoader(clickLoader, getRequest(tracked), { id, n: "0" });
    expect(click.status).toBe(302);
    expect(click.headers.get("Location")).toBe("https://acme.example/releases");
    const event = await db.event.findFirstOrThrow({
      where: { type: PORTAL_EVENTS.newsletterClicked, userId: p.aiko.id },
    });
    expect(event.accountId).toBe(p.aiko.accountId);
    expect(JSON.parse(event.properties)).toMatchObject({ newsletterId: id, from: "email" });

    // A forged signature still goes to the newsletter's own link but records nothing.
    const forged = tracked.replace(/s=[\w-]+/, "s=AAAAAAAAAAAAAAAAAAAAAA");
    const before = await db.event.count({ where: { type: PORTAL_EVENTS.newsletterClicked } });
    expect((await runLoader(clickLoader, getRequest(forged), { id, n: "0" })).status).toBe(302);
    expect(await db.event.count({ where: { type: PORTAL_EVENTS.newsletterClicked } })).toBe(before);
    // Anything not in the newsletter's link list: 404, never a redirect elsewhere.
    expect(
      (await runLoader(clickLoader, getRequest(`/newsletters/${id}/l/7`), { id, n: "7" })).status,
    ).toBe(404);
    expect(
      (await runLoader(clickLoader, getRequest(`/newsletters/${id}/l/-1`), { id, n: "-1" })).status,
    ).toBe(404);

    // Readable by its readers, not by customers it was not sent to.
    const aiko = await createSessionCookie(p.aiko.id);
    const dan = await createSessionCookie(p.dan.id);
    expect(
      (
        await runLoader(readLoader, getRequest(`/newsletters/${id}`, { Cookie: aiko.cookie }), {
          id,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await runLoader(readLoader, getRequest(`/newsletters/${id}`, { Cookie: dan.cookie }), {
          id,
        })
      ).status,
    ).toBe(404);

    // A sent newsletter no longer changes.
    const { cookie } = await createSessionCookie(cs.id);
    const edit = await runAction(
      editorAction,
      formRequest(
        `/admin/newsletters/${id}`,
        { intent: "save", subject: "changed", body: "x" },
        { Cookie: cookie },
      ),
      {},
      { id },
    );
    expect(edit.status).toBe(409);
    expect((await db.newsletter.findUniqueOrThrow({ where: { id } })).subject).toBe(
      `今月のお知らせ ${tag}`,
    );
  });

  it("finishes a send the server stopped in the middle of, queuing nobody twice", async () => {
    const { people: p, tag } = await population();
    const cs = await createUser({ role: "cs", email: `cs-${tag}@example.test` });
    const audience = { ...NONE, locales: ["ja" as const] };
    const { id } = await saveNewsletter({
      actorId: cs.id,
      values: { subject: `Stalled ${tag}`, body: "Hello", audience },
    });
    const { recipients } = await sendNewsletter({ actorId: cs.id, id });
    const queued = () =>
      db.emailOutbox.count({ where: { dedupeKey: { startsWith: `newsletter:${id}:` } } });
    expect(await queued()).toBe(recipients);

    // The server stopped after queuing, before it could mark the newsletter sent.
    const stoppedAt = new Date(Date.now() - 60_000);
    await db.newsletter.update({
      where: { id },
      data: { status: "sending", sentAt: null, updatedAt: stoppedAt },
    });
    // Within the stall time another process may still be sending it: left alone.
    expect(await resumeStalledNewsletters()).toBe(0);

    const later = new Date(stoppedAt.getTime() + STALLED_SEND_MS + 60_000);
    expect(await resumeStalledNewsletters(later)).toBe(1);
    const sent = await db.newsletter.findUniqueOrThrow({ where: { id } });
    expect({ status: sent.status, recipientCount: sent.recipientCount }).toEqual({
      status: "sent",
      recipientCount: recipients,
    });
    expect(await queued()).toBe(recipients);
    expect(await db.newsletterRecipient.count({ where: { newsletterId: id } })).toBe(recipients);
    expect(
      await db.emailOutbox.count({
        where: {
          to: p.aiko.email,
          kind: "newsletter",
          dedupeKey: { startsWith: `newsletter:${id}:` },
        },
      }),
    ).toBe(1);
    // Once sent, a second resume finds nothing.
    expect(await resumeStalledNewsletters(later)).toBe(0);
  });
});
