// The answer bot through its HTTP entry points (/api/chat, /help/chat, /support/new) against a
// real database and this process's search engine: what customers may be quoted, bad input, rate
// limits, "Did this solve it?" and its events, escalation to support, the abandoned sweep and
// the CS insights.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopAnswerBot } from "../../app/answer-bot/service.server";
import { CHAT_LIMITS, sweepAbandonedConversations } from "../../app/commands/chat.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { action as chatAction, loader as chatLoader } from "../../app/routes/api.chat";
import { loader as insightsLoader } from "../../app/routes/admin.insights.answer-bot";
import { action as pageAction } from "../../app/routes/help.chat";
import { action as supportAction, loader as supportLoader } from "../../app/routes/support.new";
import { stopSearch } from "../../app/search/service.server";
import { db } from "../../app/utils/db.server";
import { createAccount, createArticle, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader, TEST_ORIGIN } from "../helpers";

type Who = { userId: string; accountId: string | null; cookie: string };

async function signedIn(overrides: Parameters<typeof createUser>[0] = {}): Promise<Who> {
  const user = await createUser({ locale: "en", ...overrides });
  const { cookie } = await createSessionCookie(user.id);
  return { userId: user.id, accountId: user.accountId, cookie };
}

function post(who: Who | null, body: unknown, ip = "10.0.0.1") {
  const request = new Request(`${TEST_ORIGIN}/api/chat`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      "Content-Type": "application/json",
      ...(who ? { Cookie: who.cookie } : {}),
    },
  });
  return runAction(chatAction, request, { clientIp: ip });
}

type AskBody = {
  conversationId: string;
  messages: Array<{
    role: string;
    text: string;
    kind: string | null;
    sources: Array<{ url: string }>;
  }>;
};

async function ask(who: Who, message: unknown, conversationId?: string) {
  const res = await post(who, { intent: "ask", message, conversationId });
  return { res, body: (await res.json()) as AskBody & { error?: string; message?: string } };
}

let customer: Who;
let enterpriseCustomer: Who;
let staff: Who;

const RESTRICTED_BODY = [
  "Only for Enterprise.",
  "## Dedicated audit vault",
  "The dedicated audit vault keeps every audit record for seven years in a separate region.",
].join("\n\n");

beforeAll(async () => {
  stopSearch();
  stopAnswerBot();
  customer = await signedIn();
  const enterprise = await createAccount({ plan: "enterprise" });
  enterpriseCustomer = await signedIn({ accountId: enterprise.id });
  staff = await signedIn({ role: "cs", accountId: null });
  await createArticle({
    slug: "bot-invoices",
    title: "Where can I download invoices?",
    body: [
      "Go to Settings → Billing → Invoices and click Download PDF.",
      "## Change the company name on invoices",
      "Edit Settings → Billing → Billing details to change the company name and address.",
    ].join("\n\n"),
  });
  await createArticle({
    slug: "bot-vault",
    title: "Audit vault",
    body: RESTRICTED_BODY,
    audience: "restricted",
    audiencePlans: ["enterprise"],
  });
  await createArticle({
    slug: "bot-lost-phone-ja",
    locale: "ja",
    title: "2 段階認証のよくある質問",
    body: "## スマートフォンを紛失した場合\n\n確認コードの画面で リカバリーコードを使う をクリックしてください。",
  });
});

afterAll(() => {
  stopAnswerBot();
  stopSearch();
});

describe("asking the answer bot", () => {
  it("answers with the passage, its anchor link and a confidence, and stores both messages", async () => {
    const { res, body } = await ask(customer, "How can I change the company name on our invoices?");
    expect(res.status).toBe(200);
    const [user, bot] = body.messages;
    expect(user).toMatchObject({
      role: "user",
      text: "How can I change the company name on our invoices?",
    });
    expect(bot).toMatchObject({ role: "bot", kind: "answer" });
    expect(bot!.text).toContain("Billing details");
    expect(bot!.sources[0]!.url).toBe("/kb/bot-invoices#change-the-company-name-on-invoices");
    const stored = await db.chatMessage.findMany({
      where: { conversationId: body.conversationId },
      orderBy: { createdAt: "asc" },
    });
    expect(stored.map((m) => m.role)).toEqual(["user", "bot"]);
    expect(stored[1]!.confidence).toBeGreaterThan(0);
  });

  it("answers in Japanese to a Japanese question, and follows a conversation", async () => {
    const first = await ask(
      customer,
      "スマホを紛失して確認コードが入力できません。どうすればいいですか？",
    );
    expect(first.body.messages[1]).toMatchObject({ kind: "answer" });
    expect(first.body.messages[1]!.text).toContain("リカバリーコード");
    const thanks = await ask(customer, "ありがとうございました！", first.body.conversationId);
    expect(thanks.body.conversationId).toBe(first.body.conversationId);
    expect(thanks.body.messages[1]).toMatchObject({ kind: "smalltalk" });
    expect(thanks.body.messages[1]!.text).toMatch(/どういたしまして/);
  });

  it("never quotes a plan-restricted article to a customer of another plan", async () => {
    const question = "How long does the dedicated audit vault keep audit records?";
    const other = await ask(customer, question);
    expect(other.body.messages[1]!.kind).toBe("unknown");
    expect(JSON.stringify(other.body)).not.toContain("seven years");
    expect(JSON.stringify(other.body)).not.toContain("bot-vault");
    const entitled = await ask(enterpriseCustomer, question);
    expect(entitled.body.messages[1]!.kind).toBe("answer");
    expect(entitled.body.messages[1]!.text).toContain("seven years");
  });

  it("says plainly when it does not know", async () => {
    const { body } = await ask(customer, "Do you have an office in Osaka?");
    expect(body.messages[1]).toMatchObject({ kind: "unknown" });
    expect(body.messages[1]!.text).toMatch(/don't know/);
    const conversation = await db.chatConversation.findUniqueOrThrow({
      where: { id: body.conversationId },
    });
    expect(conversation.unanswered).toBe(true);
  });
});

describe("bad input", () => {
  it("refuses empty, huge and malformed messages with 400 and stores nothing", async () => {
    const before = await db.chatMessage.count();
    for (const message of ["", "   ", "\u0000\u0001\u200b", 42, null]) {
      const { res, body } = await ask(customer, message);
      expect(res.status).toBe(400);
      expect(body.message).toBeTruthy();
    }
    const huge = await ask(customer, "a".repeat(CHAT_LIMITS.maxChars + 1));
    expect(huge.res.status).toBe(400);
    expect(huge.body.message).toMatch(/too long/);
    expect((await post(customer, "{not json")).status).toBe(400);
    expect((await post(customer, { intent: "fly" })).status).toBe(400);
    expect(await db.chatMessage.count()).toBe(before);
  });

  it("answers script-laden and naughty strings politely and stores them as plain text", async () => {
    const naughty = [
      '<script>alert("x")</script> how do I download invoices?',
      '\'; DROP TABLE "ChatMessage"; --',
      "👩‍👩‍👧‍👦🇯🇵 ﷽ \u202egnirts desrever",
      "\ud800 lone surrogate",
      "Ω≈ç√∫˜µ≤≥÷ 田中さんにあげて下さい",
    ];
    for (const message of naughty) {
      const { res, body } = await ask(customer, message);
      expect(res.status).toBe(200);
      expect(["answer", "unknown"]).toContain(body.messages[1]!.kind);
    }
    const stored = await db.chatMessage.findFirstOrThrow({
      where: { role: "user", text: { contains: "<script>" } },
    });
    expect(stored.text).toBe('<script>alert("x")</script> how do I download invoices?');
  });

  it("lets only signed-in customers talk to the bot, and only about their own conversations", async () => {
    expect((await post(null, { intent: "ask", message: "hi" })).status).toBe(401);
    expect((await post(staff, { intent: "ask", message: "hi" })).status).toBe(403);
    const mine = await ask(customer, "Where can I download invoices?");
    const other = await signedIn();
    const res = await post(other, {
      intent: "ask",
      message: "and PDF?",
      conversationId: mine.body.conversationId,
    });
    expect(res.status).toBe(404);
    const read = await runLoader(
      chatLoader,
      getRequest(`/api/chat?c=${mine.body.conversationId}`, { Cookie: other.cookie }),
    );
    expect(read.status).toBe(404);
    const own = await runLoader(
      chatLoader,
      getRequest(`/api/chat?c=${mine.body.conversationId}`, { Cookie: customer.cookie }),
    );
    expect(own.status).toBe(200);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once a person sends too many messages", async () => {
    const busy = await signedIn();
    for (let i = 0; i < CHAT_LIMITS.perUser.limit; i++) {
      await db.rateLimit.upsert({
        where: { key: `chat:user:${busy.userId}` },
        create: {
          key: `chat:user:${busy.userId}`,
          count: CHAT_LIMITS.perUser.limit,
          windowStart: new Date(),
        },
        update: {},
      });
    }
    const before = await db.chatMessage.count();
    const { res, body } = await ask(busy, "Where can I download invoices?");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(body.error).toBe("rateLimited");
    expect(await db.chatMessage.count()).toBe(before);
  });

  it("limits per IP address too", async () => {
    const ip = "10.9.9.9";
    await db.rateLimit.create({
      data: { key: `chat:ip:${ip}`, count: CHAT_LIMITS.perIp.limit, windowStart: new Date() },
    });
    const fresh = await signedIn();
    const res = await post(fresh, { intent: "ask", message: "Where can I download invoices?" }, ip);
    expect(res.status).toBe(429);
  });
});

describe("did this solve it?", () => {
  it("yes resolves the conversation once, as a chat.resolved event of the account", async () => {
    const who = await signedIn();
    const { body } = await ask(who, "Where can I download invoices?");
    const res = await post(who, { intent: "resolve", conversationId: body.conversationId });
    expect(res.status).toBe(200);
    expect(
      (await post(who, { intent: "resolve", conversationId: body.conversationId })).status,
    ).toBe(200);
    expect(
      (await post(who, { intent: "escalate", conversationId: body.conversationId })).status,
    ).toBe(409);
    const events = await db.event.findMany({
      where: { userId: who.userId, type: PORTAL_EVENTS.chatResolved },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.accountId).toBe(who.accountId);
    expect(JSON.parse(events[0]!.properties)).toMatchObject({ questions: 1, answered: 1 });
    // A closed conversation takes no more questions; the next one starts fresh.
    const again = await ask(who, "Where can I download invoices?", body.conversationId);
    expect(again.res.status).toBe(409);
  });

  it("no escalates; the support request carries the transcript and names where it went", async () => {
    const who = await signedIn();
    const { body } = await ask(who, "Where can I download invoices?");
    expect(
      (await post(who, { intent: "escalate", conversationId: body.conversationId })).status,
    ).toBe(200);
    const form = await runLoader(
      supportLoader,
      getRequest(`/support/new?chat=${body.conversationId}`, { Cookie: who.cookie }),
    );
    const page = (await form.json()) as {
      defaultSubject: string;
      defaultBody: string;
      chat: { id: string; messages: Array<{ text: string }> } | null;
    };
    expect(page.defaultSubject).toBe("Where can I download invoices?");
    expect(page.chat?.messages.map((m) => m.text)).toContain("Where can I download invoices?");
    const sent = await runAction(
      supportAction,
      formRequest(
        "/support/new",
        { subject: page.defaultSubject, body: page.defaultBody, chat: body.conversationId },
        { Cookie: who.cookie },
      ),
    );
    expect(sent.status).toBe(200);
    const request = await db.supportRequest.findFirstOrThrow({ where: { userId: who.userId } });
    expect(request.chatConversationId).toBe(body.conversationId);
    const conversation = await db.chatConversation.findUniqueOrThrow({
      where: { id: body.conversationId },
    });
    expect(conversation).toMatchObject({ status: "escalated", escalatedTo: "support" });
    expect(
      await db.event.count({ where: { userId: who.userId, type: PORTAL_EVENTS.chatEscalated } }),
    ).toBe(1);
  });

  it("does not attach someone else's conversation to a support request", async () => {
    const owner = await signedIn();
    const { body } = await ask(owner, "Where can I download invoices?");
    const intruder = await signedIn();
    const form = await runLoader(
      supportLoader,
      getRequest(`/support/new?chat=${body.conversationId}`, { Cookie: intruder.cookie }),
    );
    expect(((await form.json()) as { chat: unknown }).chat).toBeNull();
    await runAction(
      supportAction,
      formRequest(
        "/support/new",
        { subject: "Hi", body: "Help", chat: body.conversationId },
        { Cookie: intruder.cookie },
      ),
    );
    const request = await db.supportRequest.findFirstOrThrow({
      where: { userId: intruder.userId },
    });
    expect(request.chatConversationId).toBeNull();
    const conversation = await db.chatConversation.findUniqueOrThrow({
      where: { id: body.conversationId },
    });
    expect(conversation.status).toBe("open");
  });
});

describe("without JavaScript", () => {
  it("/help/chat answers a posted question and redirects to the conversation", async () => {
    const who = await signedIn();
    const res = await runAction(
      pageAction,
      formRequest(
        "/help/chat",
        { intent: "ask", message: "Where can I download invoices?" },
        { Cookie: who.cookie },
      ),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/help\/chat\?c=/);
  });
});

describe("abandoned conversations and insights", () => {
  it("marks conversations left open as abandoned once, and CS sees rates and unanswered groups", async () => {
    const who = await signedIn();
    const { body } = await ask(who, "Is there a dark mode for the app?");
    await ask(who, "Can I switch to dark mode?");
    const later = new Date(Date.now() + CHAT_LIMITS.abandonAfterMs + 60_000);
    expect(await sweepAbandonedConversations(later)).toBeGreaterThanOrEqual(2);
    expect(await sweepAbandonedConversations(later)).toBe(0);
    const conversation = await db.chatConversation.findUniqueOrThrow({
      where: { id: body.conversationId },
    });
    expect(conversation.status).toBe("abandoned");
    expect(
      await db.event.count({ where: { userId: who.userId, type: PORTAL_EVENTS.chatAbandoned } }),
    ).toBe(2);

    const res = await runLoader(
      insightsLoader,
      getRequest("/admin/insights/answer-bot", { Cookie: staff.cookie }),
    );
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      total: number;
      rates: { resolved: number | null };
      unanswered: Array<{ question: string; count: number }>;
    };
    expect(data.total).toBeGreaterThan(0);
    expect(data.rates.resolved).toBeGreaterThan(0);
    const dark = data.unanswered.find((g) => /dark mode/i.test(g.question));
    expect(dark?.count).toBe(2);

    const forbidden = await runLoader(
      insightsLoader,
      getRequest("/admin/insights/answer-bot", { Cookie: customer.cookie }),
    );
    expect([403, 404]).toContain(forbidden.status);
  });
});
