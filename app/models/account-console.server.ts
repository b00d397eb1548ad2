// What the CS account page shows besides the account's details: health (with its model's bands),
// community activity and failed searches over 30 days, alerts, and a paged timeline of events.
// Staff only (the route checks).
import { accountHealth, healthModelFor } from "~/models/health.server";
import { db } from "~/utils/db.server";
import { accountAlerts } from "./alert.server";

export const ACTIVITY_DAYS = 30;
export const FAILED_SEARCHES_SHOWN = 10;
export const TIMELINE_PAGE_SIZE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function getAccountConsole(
  account: { id: string; segment: string },
  options: { timelinePage: number; now?: Date },
) {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - ACTIVITY_DAYS * DAY_MS);
  const [health, model, topics, replies, accepted, failedSearches, alerts, eventTotal] =
    await Promise.all([
      accountHealth(account.id, now),
      healthModelFor(account.segment),
      db.topic.count({ where: { accountId: account.id, createdAt: { gte: since } } }),
      db.post.count({
        where: { accountId: account.id, number: { gt: 1 }, createdAt: { gte: since } },
      }),
      db.topic.count({
        where: { acceptedAt: { gte: since }, acceptedPost: { accountId: account.id } },
      }),
      db.searchQuery.findMany({
        where: { accountId: account.id, resultCount: 0, createdAt: { gte: since } },
        orderBy: { createdAt: "desc" },
        take: FAILED_SEARCHES_SHOWN,
        select: { id: true, query: true, createdAt: true, user: { select: { name: true } } },
      }),
      accountAlerts(account.id),
      db.event.count({ where: { accountId: account.id } }),
    ]);
  const timelinePages = Math.max(1, Math.ceil(eventTotal / TIMELINE_PAGE_SIZE));
  const timelinePage = Math.min(Math.max(1, options.timelinePage), timelinePages);
  const timeline = await db.event.findMany({
    where: { accountId: account.id },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    skip: (timelinePage - 1) * TIMELINE_PAGE_SIZE,
    take: TIMELINE_PAGE_SIZE,
    select: {
      id: true,
      type: true,
      source: true,
      occurredAt: true,
      user: { select: { name: true } },
    },
  });
  return {
    health,
    bands: model.bands,
    community: { days: ACTIVITY_DAYS, topics, replies, accepted },
    failedSearches,
    alerts,
    timeline: { events: timeline, total: eventTotal, page: timelinePage, pageCount: timelinePages },
  };
}
