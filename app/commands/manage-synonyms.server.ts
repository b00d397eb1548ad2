// Synonym groups that CS manages (ログイン = サインイン = sign in). Every engine applies them: each
// change is written with its audit entry and a "synonyms" row in the search change feed, in one
// transaction, so every process's index reloads them once the change is committed.
import { audit } from "~/models/audit.server";
import { markSearchChanged } from "~/search/changes.server";
import { db, type Db, type Prisma } from "~/utils/db.server";

export const SYNONYM_RULES = { minTerms: 2, maxTerms: 10, maxTermLength: 50 } as const;

export const SYNONYM_AUDIT = {
  created: "synonyms.created",
  updated: "synonyms.updated",
  deleted: "synonyms.deleted",
} as const;

/** Every group: the search index reloads the whole set on any change. */
const ALL_SYNONYMS = "*";

type Actor = { actorId: string; ipAddress?: string };

export type SynonymError =
  | { error: "tooFewTerms" | "tooManyTerms" | "notFound" }
  | { error: "termTooLong" | "duplicateTerm"; term: string }
  /** The term already belongs to another group, named by its terms. */
  | { error: "termTaken"; term: string; groupId: string; groupTerms: string[] };

export type SynonymResult = { ok: true; id: string } | ({ ok: false } & SynonymError);

export type SynonymGroup = { id: string; terms: string[]; updatedAt: Date };

/** How two terms are compared: width, case and spacing do not make a different word. */
export function foldTerm(term: string): string {
  return term.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Terms as stored: trimmed, empty entries dropped, in the order given. */
export function cleanTerms(raw: readonly string[]): string[] {
  return raw.map((term) => term.replace(/\s+/g, " ").trim()).filter(Boolean);
}

/** The rules a group keeps on its own, before any other group is looked at. */
export function checkTerms(terms: readonly string[]): SynonymError | null {
  if (terms.length < SYNONYM_RULES.minTerms) return { error: "tooFewTerms" };
  if (terms.length > SYNONYM_RULES.maxTerms) return { error: "tooManyTerms" };
  const tooLong = terms.find((term) => [...term].length > SYNONYM_RULES.maxTermLength);
  if (tooLong) return { error: "termTooLong", term: tooLong };
  const seen = new Set<string>();
  for (const term of terms) {
    const folded = foldTerm(term);
    if (seen.has(folded)) return { error: "duplicateTerm", term };
    seen.add(folded);
  }
  return null;
}

/** Stored terms are a JSON array of strings; anything else (a hand-edited row) reads as none. */
export function parseTerms(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export async function listSynonymGroups(client: Pick<Db, "searchSynonym"> = db) {
  const rows = await client.searchSynonym.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, terms: true, updatedAt: true },
  });
  return rows.map((row): SynonymGroup => ({ ...row, terms: parseTerms(row.terms) }));
}

type Tx = Prisma.TransactionClient;

/** A term of the new group that another group already has. */
async function findClash(tx: Tx, terms: string[], exceptId: string | null) {
  const wanted = new Map(terms.map((term) => [foldTerm(term), term]));
  for (const group of await listSynonymGroups(tx)) {
    if (group.id === exceptId) continue;
    for (const existing of group.terms) {
      const term = wanted.get(foldTerm(existing));
      if (term !== undefined) {
        return {
          error: "termTaken" as const,
          term,
          groupId: group.id,
          groupTerms: group.terms,
        };
      }
    }
  }
  return null;
}

export async function createSynonymGroup(
  input: Actor & { terms: readonly string[] },
): Promise<SynonymResult> {
  const terms = cleanTerms(input.terms);
  const invalid = checkTerms(terms);
  if (invalid) return { ok: false, ...invalid };
  return db.$transaction(async (tx): Promise<SynonymResult> => {
    const clash = await findClash(tx, terms, null);
    if (clash) return { ok: false, ...clash };
    const created = await tx.searchSynonym.create({
      data: { terms: JSON.stringify(terms), createdById: input.actorId },
      select: { id: true },
    });
    await recordChange(tx, input, SYNONYM_AUDIT.created, created.id, { terms });
    return { ok: true, id: created.id };
  });
}

export async function updateSynonymGroup(
  input: Actor & { id: string; terms: readonly string[] },
): Promise<SynonymResult> {
  const terms = cleanTerms(input.terms);
  const invalid = checkTerms(terms);
  if (invalid) return { ok: false, ...invalid };
  return db.$transaction(async (tx): Promise<SynonymResult> => {
    const existing = await tx.searchSynonym.findUnique({
      where: { id: input.id },
      select: { terms: true },
    });
    if (!existing) return { ok: false, error: "notFound" };
    const clash = await findClash(tx, terms, input.id);
    if (clash) return { ok: false, ...clash };
    await tx.searchSynonym.update({
      where: { id: input.id },
      data: { terms: JSON.stringify(terms) },
    });
    await recordChange(tx, input, SYNONYM_AUDIT.updated, input.id, {
      from: parseTerms(existing.terms),
      to: terms,
    });
    return { ok: true, id: input.id };
  });
}

export async function deleteSynonymGroup(input: Actor & { id: string }): Promise<SynonymResult> {
  return db.$transaction(async (tx): Promise<SynonymResult> => {
    const existing = await tx.searchSynonym.findUnique({
      where: { id: input.id },
      select: { terms: true },
    });
    if (!existing) return { ok: false, error: "notFound" };
    await tx.searchSynonym.delete({ where: { id: input.id } });
    await recordChange(tx, input, SYNONYM_AUDIT.deleted, input.id, {
      terms: parseTerms(existing.terms),
    });
    return { ok: true, id: input.id };
  });
}

async function recordChange(
  tx: Tx,
  actor: Actor,
  action: string,
  targetId: string,
  data: Record<string, unknown>,
) {
  await audit(
    {
      actorId: actor.actorId,
      action,
      targetType: "search_synonym",
      targetId,
      data,
      ipAddress: actor.ipAddress,
    },
    tx,
  );
  await markSearchChanged(tx, "synonyms", [ALL_SYNONYMS]);
}
