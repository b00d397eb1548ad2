// Help-center articles as search documents: published ones (scheduled ones too, hidden until
// their time by visibleFrom); drafts, reviews and archived articles are not in the index.
import { parseList } from "~/models/article-policy";
import { db } from "~/utils/db.server";
import { markdownToText } from "~/utils/markdown.server";
import { articleDocument } from "../documents";
import type { SearchDocument } from "../types";

const BATCH_SIZE = 500;

const select = {
  id: true,
  slug: true,
  locale: true,
  title: true,
  summary: true,
  body: true,
  audience: true,
  audiencePlans: true,
  audienceSegments: true,
  publishAt: true,
  helpfulCount: true,
  unhelpfulCount: true,
  viewCount: true,
  updatedAt: true,
  category: { select: { slug: true } },
  tags: { select: { tag: { select: { name: true } } } },
} as const;

type Row = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  audience: string;
  audiencePlans: string;
  audienceSegments: string;
  publishAt: Date | null;
  helpfulCount: number;
  unhelpfulCount: number;
  viewCount: number;
  updatedAt: Date;
  category: { slug: string };
  tags: Array<{ tag: { name: string } }>;
};

function toDocument(row: Row): SearchDocument {
  return articleDocument({
    ...row,
    text: markdownToText(row.body),
    categorySlug: row.category.slug,
    tags: row.tags.map((t) => t.tag.name),
    audiencePlans: parseList(row.audiencePlans),
    audienceSegments: parseList(row.audienceSegments),
  });
}

export const articleSource = {
  type: "article" as const,

  /** The searchable documents among these article ids; ids left out are to be removed. */
  async documents(ids: string[]): Promise<SearchDocument[]> {
    const rows = await db.article.findMany({
      where: { id: { in: ids }, status: "published" },
      select,
    });
    return rows.map(toDocument);
  },

  /** Every searchable article, a batch at a time, so a large help center never sits in memory twice. */
  async *all(): AsyncGenerator<SearchDocument[]> {
    let cursor: string | undefined;
    for (;;) {
      const rows: Row[] = await db.article.findMany({
        where: { status: "published" },
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
