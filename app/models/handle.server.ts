// The @handle others mention. Given on a user's first post (not at sign-up) so that only people
// who take part in the community have one; derived from the e-mail's local part.
import type { Prisma } from "~/utils/db.server";
import { HANDLE_MAX_LENGTH } from "./forum-policy";

/** Too short a local part ("a@...") would make handles that read like noise. */
export const HANDLE_MIN_LENGTH = 3;
const FALLBACK_HANDLE = "user";
/** Room for the number that makes a handle unique. */
const SUFFIX_ROOM = 4;

/** The handle's stem: the local part, ascii-folded ("José" -> "jose"), lower-case, "_" between words. */
export function handleBase(email: string): string {
  const local = email.split("@")[0] ?? "";
  const folded = local
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, HANDLE_MAX_LENGTH - SUFFIX_ROOM)
    .replace(/_+$/, "");
  return folded.length >= HANDLE_MIN_LENGTH
    ? folded
    : `${FALLBACK_HANDLE}${folded ? `_${folded}` : ""}`;
}

/** The base itself when free, else the base with the smallest number not taken (base2, base3, ...). */
export function uniqueHandle(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

type HandleClient = Pick<Prisma.TransactionClient, "user">;

/** The user's handle, assigned now if they have none. Call it inside the posting transaction. */
export async function ensureHandle(tx: HandleClient, userId: string): Promise<string> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { handle: true, email: true },
  });
  if (user.handle) return user.handle;
  const base = handleBase(user.email);
  const similar = await tx.user.findMany({
    where: { handle: { startsWith: base } },
    select: { handle: true },
  });
  const handle = uniqueHandle(
    base,
    similar.flatMap((u) => (u.handle ? [u.handle] : [])),
  );
  await tx.user.update({ where: { id: userId }, data: { handle } });
  return handle;
}
