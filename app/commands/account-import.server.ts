// CSV import of accounts and members (/admin/accounts/import), in three steps kept in an
// ImportJob row: upload (decode, read the header, guess the preset), preview (map columns,
// validate every row, compare with the database), apply (write in chunks with progress).
// Rule (docs/decisions/0015-account-data.md): all or nothing. A file with any rejected row is
// not applied; apply re-checks every row before its first write and is idempotent, so a run cut
// short (a crash) is finished by applying again.
import { audit } from "~/models/audit.server";
import {
  detectPreset,
  fieldsFor,
  IMPORT_LIMITS,
  parseAccountCells,
  parseEmail,
  parseExternalId,
  parseUserCells,
  presetsFor,
  REQUIRED_ACCOUNT_FIELDS,
  REQUIRED_USER_FIELDS,
  type AccountPatch,
  type FieldError,
  type ImportKind,
  type UserPatch,
} from "~/models/account-import";
import type { Actor } from "~/models/roles";
import { db } from "~/utils/db.server";
import { CsvFileError, decodeCsv, parseCsv } from "~/utils/csv.server";
import { forbidden, notFound } from "~/utils/request.server";
import {
  assignChecklistsToNewAccounts,
  planAccountUpserts,
  planUserUpserts,
  writeAccountPlans,
  writeUserPlans,
  type FieldChange,
} from "./upsert-accounts.server";

export { CsvFileError } from "~/utils/csv.server";

/** Rows written per transaction: short enough that other requests are not held up for long. */
export const APPLY_CHUNK_ROWS = 2_000;

/** CS and admins keep the account book; both import. */
export function canImport(actor: Pick<Actor, "role">) {
  return actor.role === "cs" || actor.role === "admin";
}

export type RowOutcome = {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  key: string;
  outcome: "create" | "update" | "unchanged" | "reject";
  changes?: FieldChange[];
  errors?: Array<FieldError & { column: string | null }>;
};

export class ImportRequestError extends Error {
  constructor(
    public status: number,
    public code: string,
    public params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/**
 * An applying job whose progress has not moved for this long was cut short (the server stopped
 * or crashed): longer than one chunk's transaction may wait and run (60 s + 120 s).
 */
export const STALLED_APPLY_MS = 5 * 60 * 1000;

async function loadJob(actor: Actor, jobId: string, now = new Date()) {
  if (!canImport(actor)) throw forbidden();
  const job = await db.importJob.findUnique({ where: { id: jobId } });
  if (!job) throw notFound();
  if (job.status === "applying" && now.getTime() - job.updatedAt.getTime() > STALLED_APPLY_MS) {
    return releaseStalledJob(job);
  }
  return job;
}

/**
 * Gives a stalled job back to CS as previewed, so that it can be applied again (apply is
 * idempotent). The update matches the stale progress only: a run that moved on meanwhile wins.
 */
async function releaseStalledJob<T extends { id: string; updatedAt: Date }>(job: T) {
  await db.importJob.updateMany({
    where: { id: job.id, status: "applying", updatedAt: job.updatedAt },
    data: { status: "previewed", error: "interrupted" },
  });
  return db.importJob.findUniqueOrThrow({ where: { id: job.id } });
}

export async function createImportJob(input: {
  actor: Actor;
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
}) {
  if (!canImport(input.actor)) throw forbidden();
  const { text, encoding } = decodeCsv(input.bytes);
  const { headers, rows } = parseCsv(text, IMPORT_LIMITS.maxRows);
  const { preset, mapping } = detectPreset(input.kind, headers);
  return db.importJob.create({
    data: {
      kind: input.kind,
      fileName: input.fileName.slice(0, 200) || "upload.csv",
      encoding,
      content: text,
      headers: JSON.stringify(headers),
      preset,
      mapping: JSON.stringify(mapping),
      rowCount: rows.length,
      createdById: input.actor.id,
    },
    select: { id: true },
  });
}

export function parseJson<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** Checks a mapping against the file's headers; returns field -> column index. */
function resolveMapping(kind: ImportKind, headers: string[], mapping: Record<string, string>) {
  const fields = fieldsFor(kind);
  const required = kind === "accounts" ? REQUIRED_ACCOUNT_FIELDS : REQUIRED_USER_FIELDS;
  const errors: Array<{ field: string; code: string }> = [];
  const columns: Record<string, number> = {};
  const used = new Map<number, string>();
  for (const [field, header] of Object.entries(mapping)) {
    if (!fields.includes(field) || !header) continue;
    const index = headers.indexOf(header);
    if (index < 0) errors.push({ field, code: "columnMissing" });
    else if (used.has(index)) errors.push({ field, code: "columnTwice" });
    else {
      used.set(index, field);
      columns[field] = index;
    }
  }
  for (const field of required) {
    if (columns[field] === undefined) errors.push({ field, code: "fieldRequired" });
  }
  return { columns, errors };
}

type Checked =
  | { kind: "accounts"; row: number; patch: AccountPatch | null; errors: FieldError[] }
  | { kind: "users"; row: number; patch: UserPatch | null; errors: FieldError[] };

/** Every row's cells to a patch or errors; duplicates of the key reject all the rows that share it. */
function checkRows(kind: ImportKind, rows: string[][], columns: Record<string, number>): Checked[] {
  const cellsOf = (cells: string[]) =>
    Object.fromEntries(Object.entries(columns).map(([field, i]) => [field, cells[i] ?? ""]));
  const checked: Checked[] = rows.map((cells, i) =>
    kind === "accounts"
      ? { kind, row: i + 2, ...parseAccountCells(cellsOf(cells)) }
      : { kind, row: i + 2, ...parseUserCells(cellsOf(cells)) },
  );
  const keyField = kind === "accounts" ? "externalId" : "email";
  // Keys from the key cell alone, so that a duplicate is named even on a row with other errors.
  const keyColumn = columns[kind === "accounts" ? "externalId" : "email"];
  const rowKey = (cells: string[]) => {
    const raw = keyColumn === undefined ? "" : (cells[keyColumn] ?? "");
    const parsed = kind === "accounts" ? parseExternalId(raw) : parseEmail(raw);
    return parsed.ok ? parsed.value : null;
  };
  const keys = rows.map(rowKey);
  const rowsByKey = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (!key) return;
    const list = rowsByKey.get(key);
    if (list) list.push(i + 2);
    else rowsByKey.set(key, [i + 2]);
  });
  checked.forEach((c, i) => {
    const key = keys[i];
    const list = key ? rowsByKey.get(key) : undefined;
    if (key && list && list.length > 1) {
      c.errors.push({
        field: keyField,
        code: "duplicateId",
        params: { value: key, rows: list.join(", ") },
      });
      c.patch = null;
    }
  });
  return checked;
}

function keyOf(c: Checked): string {
  return c.kind === "accounts" ? c.patch!.externalId : c.patch!.email;
}

type Plans = Map<
  string,
  { outcome: RowOutcome["outcome"]; changes?: FieldChange[]; errors?: FieldError[] }
>;

async function planAll(kind: ImportKind, patches: Checked[], client = db): Promise<Plans> {
  const plans: Plans = new Map();
  if (kind === "accounts") {
    const list = patches.flatMap((c) => (c.kind === "accounts" && c.patch ? [c.patch] : []));
    for (const p of await planAccountUpserts(client, list)) {
      plans.set(p.externalId, {
        outcome: p.kind,
        ...(p.kind === "create" || p.kind === "update" ? { changes: p.changes } : {}),
        ...(p.kind === "reject" ? { errors: p.errors } : {}),
      });
    }
  } else {
    const list = patches.flatMap((c) => (c.kind === "users" && c.patch ? [c.patch] : []));
    for (const p of await planUserUpserts(client, list)) {
      plans.set(p.email, {
        outcome: p.kind,
        ...(p.kind === "create" || p.kind === "update" ? { changes: p.changes } : {}),
        ...(p.kind === "reject" ? { errors: p.errors } : {}),
      });
    }
  }
  return plans;
}

function readJobRows(job: { content: string }) {
  return parseCsv(job.content, IMPORT_LIMITS.maxRows);
}

/** Validates every row and compares it with the database; nothing is written but the job row. */
export async function previewImportJob(input: {
  actor: Actor;
  jobId: string;
  mapping: Record<string, string>;
  preset?: string | null;
}) {
  const job = await loadJob(input.actor, input.jobId);
  if (job.status === "applying" || job.status === "done") {
    throw new ImportRequestError(409, "alreadyApplied");
  }
  const kind = job.kind as ImportKind;
  const { headers, rows } = readJobRows(job);
  const { columns, errors: mappingErrors } = resolveMapping(kind, headers, input.mapping);
  if (mappingErrors.length) return { mappingErrors };

  const checked = checkRows(kind, rows, columns);
  const keyColumn = columns[kind === "accounts" ? "externalId" : "email"];
  const keys = rows.map((cells) =>
    keyColumn === undefined ? "" : (cells[keyColumn] ?? "").trim(),
  );
  const plans = await planAll(kind, checked);
  const columnOf = (field: string) => {
    const mapped = input.mapping[field] ?? null;
    if (field === "arr" && columns.arr === undefined && columns.mrr !== undefined) {
      return input.mapping.mrr ?? null;
    }
    return mapped;
  };
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  const report: RowOutcome[] = [];
  for (const c of checked) {
    const plan = c.patch ? plans.get(keyOf(c)) : undefined;
    const outcome: RowOutcome = plan
      ? {
          row: c.row,
          key: keyOf(c),
          outcome: plan.outcome,
          ...(plan.changes ? { changes: plan.changes } : {}),
          ...(plan.errors
            ? { errors: plan.errors.map((e) => ({ ...e, column: columnOf(e.field) })) }
            : {}),
        }
      : {
          row: c.row,
          key: keys[c.row - 2] ?? "",
          outcome: "reject",
          errors: c.errors.map((e) => ({ ...e, column: columnOf(e.field) })),
        };
    counts[outcome.outcome] += 1;
    report.push(outcome);
  }
  // Rejections first, unchanged rows last in what is kept, so that every reason can be read
  // even in a big file.
  const rank = { reject: 0, create: 1, update: 1, unchanged: 2 } as const;
  report.sort((a, b) => rank[a.outcome] - rank[b.outcome] || a.row - b.row);
  await db.importJob.update({
    where: { id: job.id },
    data: {
      status: "previewed",
      mapping: JSON.stringify(input.mapping),
      preset: input.preset ?? job.preset,
      created: counts.create,
      updated: counts.update,
      unchanged: counts.unchanged,
      rejected: counts.reject,
      processed: 0,
      error: null,
      report: JSON.stringify(report.slice(0, IMPORT_LIMITS.maxReportRows)),
    },
  });
  return { mappingErrors: [] as Array<{ field: string; code: string }>, counts };
}

/**
 * Claims a previewed job without rejections for this process. Returns false when it is not in
 * that state (already applied, applying, or never previewed).
 */
export async function claimImportJob(actor: Actor, jobId: string) {
  const job = await loadJob(actor, jobId);
  if (job.status !== "previewed") throw new ImportRequestError(409, "notPreviewed");
  if (job.rejected > 0) {
    throw new ImportRequestError(422, "hasRejections", { count: job.rejected });
  }
  const claimed = await db.importJob.updateMany({
    where: { id: jobId, status: "previewed" },
    data: { status: "applying", processed: 0 },
  });
  if (claimed.count !== 1) throw new ImportRequestError(409, "notPreviewed");
}

/** Applies a claimed job; the route starts it without waiting, tests and the bench await it. */
export async function runImportJob(actor: Actor, jobId: string, ipAddress?: string) {
  const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId } });
  const kind = job.kind as ImportKind;
  try {
    const { headers, rows } = readJobRows(job);
    const mapping = parseJson<Record<string, string>>(job.mapping, {});
    const { columns, errors } = resolveMapping(kind, headers, mapping);
    if (errors.length) throw new ImportRequestError(422, "mappingChanged");
    const checked = checkRows(kind, rows, columns);
    // All or nothing: re-checked here, since the database may have changed since the preview.
    const rejected = await countRejectedNow(kind, checked);
    if (rejected) {
      await db.importJob.update({
        where: { id: jobId },
        data: { status: "previewed", rejected, error: "rejectedAtApply" },
      });
      return { status: "rejected" as const, rejected };
    }
    const counts = { created: 0, updated: 0, unchanged: 0 };
    let createdCount = 0;
    for (let i = 0; i < checked.length; i += APPLY_CHUNK_ROWS) {
      const chunk = checked.slice(i, i + APPLY_CHUNK_ROWS);
      await db.$transaction(
        async (tx) => {
          if (kind === "accounts") {
            const patches = chunk.flatMap((c) => (c.kind === "accounts" ? [c.patch!] : []));
            const chunkPlans = await planAccountUpserts(tx, patches);
            if (chunkPlans.some((p) => p.kind === "reject")) {
              throw new ImportRequestError(409, "changedDuringApply");
            }
            const { createdIds } = await writeAccountPlans(tx, chunkPlans, "import");
            createdCount += createdIds.length;
            tally(counts, chunkPlans);
          } else {
            const patches = chunk.flatMap((c) => (c.kind === "users" ? [c.patch!] : []));
            const chunkPlans = await planUserUpserts(tx, patches);
            if (chunkPlans.some((p) => p.kind === "reject")) {
              throw new ImportRequestError(409, "changedDuringApply");
            }
            await writeUserPlans(tx, chunkPlans);
            tally(counts, chunkPlans);
          }
        },
        { timeout: 120_000, maxWait: 60_000 },
      );
      await db.importJob.update({
        where: { id: jobId },
        data: { processed: Math.min(i + APPLY_CHUNK_ROWS, checked.length) },
      });
    }
    if (kind === "accounts") await assignChecklistsToNewAccounts(createdCount);
    await db.importJob.update({
      where: { id: jobId },
      data: {
        status: "done",
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: 0,
        appliedAt: new Date(),
        // The file may hold personal data (members' e-mails); the counts and report stay.
        content: "",
      },
    });
    await audit({
      actorId: actor.id,
      action: `import.${kind}.applied`,
      targetType: "ImportJob",
      targetId: jobId,
      data: { fileName: job.fileName, rows: checked.length, ...counts },
      ipAddress,
    });
    return { status: "done" as const, ...counts };
  } catch (error) {
    const code = error instanceof ImportRequestError ? error.code : "applyFailed";
    if (!(error instanceof ImportRequestError)) console.error("Import apply failed", error);
    // Chunks already written stay; applying again finishes the job (they count as unchanged).
    await db.importJob.update({ where: { id: jobId }, data: { status: "previewed", error: code } });
    return { status: "failed" as const, code };
  }
}

/**
 * Rows that would be rejected if applied now. For accounts only the rules that depend on the
 * database are asked again (owners are staff; rows without name or plan update an existing
 * account), which is much cheaper than planning all rows a second time.
 */
async function countRejectedNow(kind: ImportKind, checked: Checked[]): Promise<number> {
  const invalid = checked.filter((c) => !c.patch).length;
  if (invalid) return invalid;
  if (kind === "users") {
    const plans = await planAll(kind, checked);
    return [...plans.values()].filter((p) => p.outcome === "reject").length;
  }
  const patches = checked.flatMap((c) => (c.kind === "accounts" ? [c.patch!] : []));
  const owners = [...new Set(patches.flatMap((p) => (p.ownerEmail ? [p.ownerEmail] : [])))];
  const staff = new Set(
    (
      await db.user.findMany({
        where: { email: { in: owners }, role: { in: ["cs", "admin"] }, deletedAt: null },
        select: { email: true },
      })
    ).map((u) => u.email),
  );
  const partial = patches.filter((p) => !p.name || !p.plan).map((p) => p.externalId);
  const existing = new Set<string>();
  for (let i = 0; i < partial.length; i += APPLY_CHUNK_ROWS) {
    const rows = await db.account.findMany({
      where: { externalId: { in: partial.slice(i, i + APPLY_CHUNK_ROWS) } },
      select: { externalId: true },
    });
    for (const r of rows) existing.add(r.externalId);
  }
  return patches.filter(
    (p) =>
      (p.ownerEmail && !staff.has(p.ownerEmail)) ||
      ((!p.name || !p.plan) && !existing.has(p.externalId)),
  ).length;
}

function tally(
  counts: { created: number; updated: number; unchanged: number },
  plans: Array<{ kind: string }>,
) {
  for (const p of plans) {
    if (p.kind === "create") counts.created += 1;
    else if (p.kind === "update") counts.updated += 1;
    else if (p.kind === "unchanged") counts.unchanged += 1;
  }
}

export async function getImportJob(actor: Actor, jobId: string) {
  const job = await loadJob(actor, jobId);
  const kind = job.kind as ImportKind;
  return {
    id: job.id,
    kind,
    status: job.status,
    fileName: job.fileName,
    encoding: job.encoding,
    headers: parseJson<string[]>(job.headers, []),
    mapping: parseJson<Record<string, string>>(job.mapping, {}),
    preset: job.preset,
    presets: presetsFor(kind).map((p) => p.key),
    rowCount: job.rowCount,
    processed: job.processed,
    counts: {
      create: job.created,
      update: job.updated,
      unchanged: job.unchanged,
      reject: job.rejected,
    },
    report: parseJson<RowOutcome[]>(job.report, []),
    error: job.error,
    createdAt: job.createdAt,
    appliedAt: job.appliedAt,
  };
}

export async function listImportJobs(actor: Actor, take = 10) {
  if (!canImport(actor)) throw forbidden();
  return db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      fileName: true,
      rowCount: true,
      created: true,
      updated: true,
      unchanged: true,
      rejected: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
  });
}

export function isCsvFileError(error: unknown): error is CsvFileError {
  return error instanceof CsvFileError;
}
