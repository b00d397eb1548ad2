// Community topics as search documents: visible topics (held and hidden ones are not indexed);
// a category's plans become the document's audience, as canSeeCategory rules.
import { parseList } from "~/models/article-policy";
import { db, type Prisma } from "~/utils/db.server";
import { markdownToText } from "~/utils/markdown.server";
import { topicDocument } from "../documents";
import type { SearchDocument } from "../types";

const BATCH_SIZE = 500;

const select = {
  id: true,
  locale: true,
  title: true,
  viewCount: true,
  updatedAt: true,
  category: { select: { slug: true, audiencePlans: true } },
  tags: { select: { tag: { select: { name: true } } } },
  acceptedPost: { select: { body: true, state: true, likeCount: true } },
  posts: { where: { number: 1 }, select: { body: true, likeCount: true } },
} as const;

type Row = Prisma.TopicGetPayload<{ select: typeof select }>;

const searchable = { state: "visible" } as const;

function toDocument(row: Row): SearchDocument {
  const opening = row.posts[0];
  const answer = row.acceptedPost?.state === "visible" ? row.acceptedPost : null;
  return topicDocument({
    id: row.id,
    locale: row.locale,
    title: row.title,
    text: opening ? markdownToText(opening.body) : "",
    answerText: answer ? markdownToText(answer.body) : null,
    categorySlug: row.category.slug,
    audiencePlans: parseList(row.category.audiencePlans),
    tags: row.tags.map((t) => t.tag.name),
    likeCount: (opening?.likeCount ?? 0) + (answer?.likeCount ?? 0),
    viewCount: row.viewCount,
    updatedAt: row.updatedAt,
  });
}

export const topicSource = {
  type: "topic" as const,

  /** The searchable documents among these topic ids; ids left out are to be removed. */
  async documents(ids: string[]): Promise<SearchDocument[]> {
    const rows = await db.topic.findMany({ where: { id: { in: ids }, ...searchable }, select });
    return rows.map(toDocument);
  },

  async *all(): AsyncGenerator<SearchDocument[]> {
    let cursor: string | undefined;
    for (;;) {
      const rows: Row[] = await db.topic.findMany({
        where: searchable,
        select,
        orderBy: { id: "asc" },
        take: BATCH_SIZE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      if (!rows.length) return;
      yield rows.map(toDocument);
      cursor = rows[rows.length - 1]!.id;
      if (rows.length < BATCH_SIZE) return;
    }
  },
};
