// The community demo data brings a few open flags, so the demo's moderation queue has work in it.
import { describe, expect, it } from "vitest";
import { FLAG_HIDE_THRESHOLD } from "../../app/models/moderation-policy";
import { db } from "../../app/utils/db.server";
import { seedCommunityData } from "../../scripts/seed/community-data";
import { createAccount, createUser } from "../factories";

describe("demo flags", () => {
  it("flags a few customer replies, never by their authors, below the auto-hide threshold", async () => {
    const account = await createAccount({ plan: "enterprise" });
    for (let i = 0; i < 6; i += 1) {
      await createUser({ accountId: account.id, locale: i % 2 ? "ja" : "en", password: null });
    }
    await createUser({ role: "cs", password: null });
    expect((await seedCommunityData({ now: new Date("2026-06-15T03:00:00Z") })).created).toBe(true);

    const flags = await db.flag.findMany({ include: { post: { select: { authorId: true } } } });
    expect(flags.length).toBeGreaterThanOrEqual(3);
    for (const f of flags) {
      expect(f.status).toBe("open");
      expect(f.reporterId).not.toBe(f.post.authorId);
    }
    const perPost = new Map<string, number>();
    for (const f of flags) perPost.set(f.postId, (perPost.get(f.postId) ?? 0) + 1);
    expect(Math.max(...perPost.values())).toBeLessThan(FLAG_HIDE_THRESHOLD);
    expect(await db.post.count({ where: { state: "hidden" } })).toBe(0);

    expect((await seedCommunityData()).created).toBe(false);
    expect(await db.flag.count()).toBe(flags.length);
  });
});
