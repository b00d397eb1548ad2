// Authentication (who is this?) and authorization (may they?) for every loader and action.
import { redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { canManageAccount, canViewAccount, isStaff, type Role } from "~/models/roles";
import { db } from "./db.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { forbidden, notFound } from "./request.server";
import { getSessionUser, sessionUserSelect, type SessionUser } from "./session.server";

export type { SessionUser };

export class InvalidCredentialsError extends Error {
  name = "InvalidCredentialsError";
}

/** Checks an e-mail and password; unknown e-mails cost the same time as wrong passwords. */
export async function verifyLogin(email: string, password: string): Promise<SessionUser> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { ...sessionUserSelect, password: { select: { hash: true } } },
  });
  const ok = user?.password
    ? await verifyPassword(password, user.password.hash)
    : await verifyAgainstDummy(password);
  if (!user || !ok) throw new InvalidCredentialsError();
  const { password: _hash, ...sessionUser } = user;
  return sessionUser;
}

export const authenticator = new Authenticator<SessionUser>();
authenticator.use(
  new FormStrategy(async ({ form }) =>
    verifyLogin(String(form.get("email") ?? ""), String(form.get("password") ?? "")),
  ),
  "form",
);

// One lookup per request even when the root and the route loader both ask.
const requestUsers = new WeakMap<Request, Promise<SessionUser | null>>();

export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = requestUsers.get(request);
  if (!pending) {
    pending = getSessionUser(request);
    requestUsers.set(request, pending);
  }
  return pending;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/login?${params}`);
  }
  return user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!(roles as readonly string[]).includes(user.role)) throw forbidden();
  return user;
}

export function requireStaff(request: Request): Promise<SessionUser> {
  return requireRole(request, ["cs", "admin"]);
}

/**
 * Pages that show account health (the portfolio, the account list and pages, alerts): staff
 * only, and a signed-in customer gets 404, not 403, so customers cannot even learn that health
 * pages exist (issue #7: customers never see health). See docs/decisions/0014.
 */
export async function requireHealthViewer(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isStaff(user)) throw notFound();
  return user;
}

/** The console paths requireHealthViewer guards (the admin layout answers 404 there too). */
export function isHealthPath(pathname: string): boolean {
  // Remix's data requests add ".data" (single fetch) to the page's path.
  const path = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  return (
    path === "/admin" ||
    path === "/admin/accounts" ||
    path.startsWith("/admin/accounts/") ||
    path === "/admin/alerts" ||
    path.startsWith("/admin/alerts/") ||
    // The health model page (health-core) answers customers 404 as well.
    path === "/admin/health" ||
    path.startsWith("/admin/health/")
  );
}

/**
 * The user may see this account's pages. Another account's pages answer 404, not 403,
 * so that customers cannot even learn which account ids exist.
 */
export async function requireAccountMember(
  request: Request,
  accountId: string,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canViewAccount(user, accountId)) throw notFound();
  return user;
}

export async function requireAccountAdmin(
  request: Request,
  accountId: string,
): Promise<SessionUser> {
  const user = await requireAccountMember(request, accountId);
  if (!canManageAccount(user, accountId)) throw forbidden();
  return user;
}

export { isStaff };
