// CS turns a solved community question into a knowledge-base draft in one click: the question
// and its accepted answer become the draft's body, the draft links back to the topic, and the
// topic remembers its draft (Topic.articleId), so a second click opens the same draft.
import { insertDraftArticle } from "~/commands/save-article.server";
import { audit } from "~/models/audit.server";
import type { ForumViewer } from "~/models/forum-policy";
import { isStaff } from "~/models/roles";
import { db } from "~/utils/db.server";

export const CONVERT_AUDIT_ACTION = "community.topic_converted";
/** Room for the "-" and the topic id suffix that makes the slug unique. */
const SLUG_BASE_MAX = 60;
const SLUG_SUFFIX_LENGTH = 8;
const SUMMARY_MAX = 200;

export const CONVERT_REFUSALS = {
  topicNotFound: 404,
  notAllowed: 403,
  notSolved: 409,
  noKbCategory: 409,
} as const;
export type ConvertRefusal = keyof typeof CONVERT_REFUSALS;

export class ConvertRefused extends Error {
  readonly status: number;
  constructor(readonly code: ConvertRefusal) {
    super(code);
    this.name = "ConvertRefused";
    this.status = CONVERT_REFUSALS[code];
  }
}

/** Another request converted the topic between our read and our claim. */
class LostRace extends Error {}

/** The words of a Latin title as a slug; Japanese titles give an empty base. */
export function slugBase(title: string): string {
  return title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_BASE_MAX)
    .replace(/-+$/g, "");
}

export function draftSlug(title: string, topicId: string): string {
  const suffix = topicId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(-SLUG_SUFFIX_LENGTH);
  return `${slugBase(title) || "community"}-${suffix}`;
}

const HEADINGS = {
  en: { question: "Question", answer: "Answer", source: "From the community topic" },
  ja: { question: "質問", answer: "回答", source: "コミュニティのトピックから" },
} as const;

/** The draft's Markdown: the question, the accepted answer, and a link back to the topic. */
export function draftBody(input: {
  locale: "ja" | "en";
  title: string;
  topicId: string;
  question: string;
  answer: string;
}): string {
  const h = HEADINGS[input.locale];
  const title = input.title.replace(/[[\]]/g, "\\$&");
  return [
    `## ${h.question}`,
    input.question.trim(),
    `## ${h.answer}`,
    input.answer.trim(),
    "---",
    `${h.source}: [${title}](/community/t/${input.topicId})`,
    "",
  ].join("\n\n");
}

function plainSummary(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/[#>*_`[\]()!|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1)}…` : text;
}

export type ConvertResult = { articleId: string; created: boolean };

async function existingDraft(topicId: string): Promise<string | null> {
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { articleId: true } });
  if (!topic?.articleId) return null;
  const article = await db.article.findUnique({
    where: { id: topic.articleId },
    select: { id: true },
  });
  return article?.id ?? null;
}

export async function convertTopicToArticle(input: {
  viewer: ForumViewer;
  topicId: string;
  ipAddress?: string;
}): Promise<ConvertResult> {
  const viewer = input.viewer;
  if (!viewer || !isStaff(viewer)) throw new ConvertRefused("notAllowed");
  const existing = await existingDraft(input.topicId);
  if (existing) return { articleId: existing, created: false };

  try {
    return await db.$transaction(async (tx) => {
      const topic = await tx.topic.findUnique({
        where: { id: input.topicId },
        select: {
          id: true,
          kind: true,
          title: true,
          locale: true,
          state: true,
          acceptedPost: { select: { body: true, state: true } },
          posts: { where: { number: 1 }, select: { body: true } },
        },
      });
      if (!topic || topic.state === "hidden") throw new ConvertRefused("topicNotFound");
      const answer = topic.acceptedPost;
      const question = topic.posts[0];
      if (topic.kind !== "question" || !answer || answer.state !== "visible" || !question) {
        throw new ConvertRefused("notSolved");
      }
      const category = await tx.category.findFirst({
        orderBy: [{ position: "asc" }, { slug: "asc" }],
        select: { id: true },
      });
      if (!category) throw new ConvertRefused("noKbCategory");

      const locale = topic.locale === "ja" ? "ja" : "en";
      const body = draftBody({
        locale,
        title: topic.title,
        topicId: topic.id,
        question: question.body,
        answer: answer.body,
      });
      const saved = await insertDraftArticle(tx, {
        actorId: viewer.id,
        ipAddress: input.ipAddress,
        article: {
          title: topic.title,
          slug: draftSlug(topic.title, topic.id),
          locale,
          type: "faq",
          categoryId: category.id,
          tags: [],
          summary: plainSummary(question.body),
          body,
          // A draft is seen by staff only; CS chooses the audience before publishing.
          audience: "customers",
          audiencePlans: [],
          audienceSegments: [],
          publishAt: null,
        },
      });
      const claimed = await tx.topic.updateMany({
        where: { id: topic.id, articleId: null },
        data: { articleId: saved.id },
      });
      if (claimed.count === 0) throw new LostRace();
      await audit(
        {
          actorId: viewer.id,
          action: CONVERT_AUDIT_ACTION,
          targetType: "topic",
          targetId: topic.id,
          data: { articleId: saved.id },
          ipAddress: input.ipAddress,
        },
        tx,
      );
      return { articleId: saved.id, created: true };
    });
  } catch (error) {
    // A double click: the other request's draft is the draft (ours was rolled back).
    if (error instanceof LostRace || (error as { code?: string } | null)?.code === "P2002") {
      const winner = await existingDraft(input.topicId);
      if (winner) return { articleId: winner, created: false };
    }
    throw error;
  }
}
