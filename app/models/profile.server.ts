// A community member's public profile (/community/u/:handle): name, company when they allow it,
// trust level, reputation, badges and recent posts, showing only what the viewer may see.
// Someone is visible to others once they have a visible post where the viewer can read it; until
// then (no posts, or only held or hidden ones) the page answers 404 as for an unknown handle.
import { BADGE_KEYS, HELPFUL_POST_LIKES, isBadgeKey, trustLevelName } from "./reputation";
import { canSeeCategory, type ForumViewer } from "./forum-policy";
import { isStaff } from "./roles";
import { visiblePostsWhere } from "./topic.server";
import { db, type Prisma } from "~/utils/db.server";
import { notFound } from "~/utils/request.server";

/** Recent topics and replies shown on a profile. */
export const PROFILE_RECENT_LIMIT = 10;
const HANDLE_PATTERN = /^[a-z0-9_]{1,24}$/;

/** Topics the viewer may see: visible ones, their own held ones, everything for staff. */
function visibleTopicsWhere(viewer: ForumViewer, categoryIds: string[]): Prisma.TopicWhereInput {
  const inCategories = { categoryId: { in: categoryIds } };
  if (viewer && isStaff(viewer)) return inCategories;
  if (!viewer) return { ...inCategories, state: "visible" };
  return {
    ...inCategories,
    OR: [{ state: "visible" }, { state: "pending", authorId: viewer.id }],
  };
}

export async function getProfile(viewer: ForumViewer, rawHandle: string) {
  const handle = rawHandle.toLowerCase();
  if (!HANDLE_PATTERN.test(handle)) throw notFound();
  const user = await db.user.findUnique({
    where: { handle },
    select: {
      id: true,
      name: true,
      handle: true,
      role: true,
      trustLevel: true,
      reputation: true,
      showAccountName: true,
      createdAt: true,
      account: { select: { name: true } },
      badges: { select: { badge: true, awardedAt: true } },
    },
  });
  if (!user) throw notFound();

  const categories = await db.forumCategory.findMany({
    select: { id: true, audiencePlans: true },
  });
  const categoryIds = categories.filter((c) => canSeeCategory(viewer, c)).map((c) => c.id);
  const self = !!viewer && viewer.id === user.id;
  if (!self && !(viewer && isStaff(viewer))) {
    const shown = await db.post.count({
      where: {
        authorId: user.id,
        state: "visible",
        topic: { state: "visible", categoryId: { in: categoryIds } },
      },
    });
    if (!shown) throw notFound();
  }

  const topicWhere = visibleTopicsWhere(viewer, categoryIds);
  const [topics, replies] = await Promise.all([
    db.topic.findMany({
      where: { AND: [topicWhere, { authorId: user.id }] },
      orderBy: { createdAt: "desc" },
      take: PROFILE_RECENT_LIMIT,
      select: {
        id: true,
        title: true,
        kind: true,
        locale: true,
        state: true,
        replyCount: true,
        createdAt: true,
      },
    }),
    db.post.findMany({
      where: {
        AND: [
          visiblePostsWhere(viewer),
          { authorId: user.id, number: { gt: 1 }, topic: topicWhere },
        ],
      },
      orderBy: { createdAt: "desc" },
      take: PROFILE_RECENT_LIMIT,
      select: {
        id: true,
        number: true,
        state: true,
        likeCount: true,
        createdAt: true,
        acceptedFor: { select: { id: true } },
        topic: { select: { id: true, title: true, locale: true } },
      },
    }),
  ]);

  const staff = isStaff(user);
  const order = (key: string) => BADGE_KEYS.indexOf(key as (typeof BADGE_KEYS)[number]);
  return {
    profile: {
      name: user.name,
      handle: user.handle!,
      staff,
      // Customers choose whether their company is named (User.showAccountName).
      accountName: !staff && user.showAccountName && user.account ? user.account.name : null,
      trustLevel: user.trustLevel,
      trustName: trustLevelName(user.trustLevel),
      reputation: user.reputation,
      memberSince: user.createdAt,
      self,
    },
    badges: user.badges
      .filter((b) => isBadgeKey(b.badge))
      .sort((a, b) => order(a.badge) - order(b.badge))
      .map((b) => ({ key: b.badge, awardedAt: b.awardedAt })),
    helpfulLikes: HELPFUL_POST_LIKES,
    topics,
    replies: replies.map((r) => ({
      id: r.id,
      number: r.number,
      state: r.state,
      likeCount: r.likeCount,
      createdAt: r.createdAt,
      accepted: !!r.acceptedFor,
      topic: r.topic,
    })),
  };
}

export type Profile = Awaited<ReturnType<typeof getProfile>>;

/** The "show my company name in the community" setting; staff have no company to show. */
export async function setShowAccountName(userId: string, show: boolean) {
  await db.user.update({ where: { id: userId }, data: { showAccountName: show } });
}

export async function getCommunitySettings(userId: string) {
  const row = await db.user.findUnique({
    where: { id: userId },
    select: { showAccountName: true, account: { select: { name: true } } },
  });
  return row?.account
    ? { showAccountName: row.showAccountName, accountName: row.account.name }
    : null;
}
