// Alerts as CS reads them: the inbox (/admin/alerts) and an account's alerts. Staff only.
import type { Actor } from "~/models/roles";
import { isStaff } from "~/models/roles";
import { db } from "~/utils/db.server";
import { forbidden } from "~/utils/request.server";
import { ALERT_STATUSES, type AlertStatus } from "~/commands/alerts.server";

export const ALERT_PAGE_SIZE = 25;
/** "active" = open or acknowledged, the inbox's default. */
export const ALERT_STATUS_FILTERS = ["active", ...ALERT_STATUSES, "all"] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];
export const ALERT_OWNER_FILTERS = ["", "me", "none"] as const;
export type AlertOwnerFilter = (typeof ALERT_OWNER_FILTERS)[number];
const KIND_MAX_LENGTH = 60;

export function parseAlertFilters(params: URLSearchParams) {
  const status = params.get("status") ?? "active";
  const owner = params.get("owner") ?? "";
  const kind = (params.get("kind") ?? "").slice(0, KIND_MAX_LENGTH);
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  // Unknown values come from edited links: they mean "no filter", not an error page.
  return {
    status: (ALERT_STATUS_FILTERS as readonly string[]).includes(status)
      ? (status as AlertStatusFilter)
      : "active",
    owner: (ALERT_OWNER_FILTERS as readonly string[]).includes(owner)
      ? (owner as AlertOwnerFilter)
      : "",
    kind: /^[a-z_]+$/.test(kind) ? kind : "",
    page: Number.isNaN(page) || page < 1 ? 1 : page,
  };
}

const alertSelect = {
  id: true,
  kind: true,
  status: true,
  title: true,
  details: true,
  createdAt: true,
  acknowledgedAt: true,
  closedAt: true,
  closedNote: true,
  account: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
} as const;

function parseDetails(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function statusWhere(status: AlertStatusFilter) {
  if (status === "all") return {};
  if (status === "active") return { status: { in: ["open", "acknowledged"] } };
  return { status: status satisfies AlertStatus };
}

export async function listAlerts(actor: Actor, filters: ReturnType<typeof parseAlertFilters>) {
  if (!isStaff(actor)) throw forbidden();
  const where = {
    ...statusWhere(filters.status),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.owner === "me" ? { ownerId: actor.id } : {}),
    ...(filters.owner === "none" ? { ownerId: null } : {}),
  };
  const [total, rows, kinds] = await Promise.all([
    db.alert.count({ where }),
    db.alert.findMany({
      where,
      // Open first, then acknowledged, newest first within each.
      orderBy: [{ status: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * ALERT_PAGE_SIZE,
      take: ALERT_PAGE_SIZE,
      select: alertSelect,
    }),
    db.alert.groupBy({ by: ["kind"], orderBy: { kind: "asc" } }),
  ]);
  return {
    alerts: rows.map((a) => ({ ...a, details: parseDetails(a.details) })),
    total,
    pageCount: Math.max(1, Math.ceil(total / ALERT_PAGE_SIZE)),
    kinds: kinds.map((k) => k.kind),
  };
}

/** An account's alerts that are not closed, then the 5 closed most recently. */
export async function accountAlerts(accountId: string) {
  const [active, closed] = await Promise.all([
    db.alert.findMany({
      where: { accountId, status: { in: ["open", "acknowledged"] } },
      orderBy: [{ status: "desc" }, { createdAt: "desc" }],
      select: alertSelect,
    }),
    db.alert.findMany({
      where: { accountId, status: "closed" },
      orderBy: { closedAt: "desc" },
      take: 5,
      select: alertSelect,
    }),
  ]);
  return [...active, ...closed].map((a) => ({ ...a, details: parseDetails(a.details) }));
}

/** Open alerts assigned to this person (the console's navigation badge). */
export function countMyOpenAlerts(userId: string) {
  return db.alert.count({ where: { ownerId: userId, status: "open" } });
}

/** People an alert can be assigned to. */
export function listStaff() {
  return db.user.findMany({
    where: { role: { in: ["cs", "admin"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
