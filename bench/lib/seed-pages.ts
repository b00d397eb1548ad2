// A small portal for the load and Lighthouse benchmarks: published articles with realistic
// bodies and forum topics with replies, in a fresh database built from the migrations.
export async function seedPages(
  databaseUrl: string,
  counts: { articles: number; topics: number },
): Promise<{ slugs: string[]; topicIds: string[] }> {
  process.env.DATABASE_URL = databaseUrl;
  const { migrate } = await import("../../prisma/migrate");
  await migrate(databaseUrl);
  const factories = await import("../../test/factories");
  const { articleBody } = await import("./article-body");
  const category = await factories.createCategory({ slug: "guides" });
  const slugs: string[] = [];
  for (let i = 0; i < counts.articles; i++) {
    const article = await factories.createArticle({
      slug: `load-article-${i}`,
      categoryId: category.id,
      title: `How to export report ${i}`,
      body: articleBody(i),
    });
    slugs.push(article.slug);
  }
  const forum = await factories.createForumCategory({ slug: "general" });
  const author = await factories.createUser();
  const topicIds: string[] = [];
  for (let i = 0; i < counts.topics; i++) {
    const topic = await factories.createTopic({
      categoryId: forum.id,
      authorId: author.id,
      title: `Webhook retries question ${i}`,
      replies: [
        { authorId: author.id, body: "Have you checked the delivery log?" },
        { authorId: author.id, body: "Yes, retries happen three times with backoff." },
      ],
    });
    topicIds.push(topic.id);
  }
  const { disconnectDb } = await import("../../app/utils/db.server");
  await disconnectDb();
  return { slugs, topicIds };
}
