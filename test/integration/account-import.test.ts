import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  claimImportJob,
  createImportJob,
  CsvFileError,
  getImportJob,
  ImportRequestError,
  previewImportJob,
  runImportJob,
  STALLED_APPLY_MS,
} from "../../app/commands/account-import.server";
import type { ImportKind } from "../../app/models/account-import";
import type { Actor } from "../../app/models/roles";
import { db } from "../../app/utils/db.server";
import { createAccount, createUser } from "../factories";

const enc = (text: string) => new TextEncoder().encode(text);

async function staff(email?: string): Promise<Actor> {
  const u = await createUser({ role: "cs", ...(email ? { email } : {}) });
  return { id: u.id, role: "cs", accountId: null };
}

async function upload(actor: Actor, bytes: Uint8Array, kind: ImportKind = "accounts") {
  const job = await createImportJob({ actor, kind, fileName: "accounts.csv", bytes });
  return getImportJob(actor, job.id);
}

async function importAll(actor: Actor, text: string | Uint8Array, kind: ImportKind = "accounts") {
  const job = await upload(actor, typeof text === "string" ? enc(text) : text, kind);
  const preview = await previewImportJob({ actor, jobId: job.id, mapping: job.mapping });
  const previewed = await getImportJob(actor, job.id);
  return { job, preview, previewed };
}

async function apply(actor: Actor, jobId: string) {
  await claimImportJob(actor, jobId);
  return runImportJob(actor, jobId);
}

function uid() {
  return Math.random().toString(36).slice(2, 8);
}

describe("account CSV import: preview and idempotent apply", () => {
  it("previews creates, updates with changed fields and unchanged rows, applies, and re-imports with 0 changes", async () => {
    const owner = await createUser({ role: "cs", email: `owner-${uid()}@acme.test` });
    const actor = await staff();
    const p = uid();
    const existing = await createAccount({
      externalId: `${p}-2`,
      name: "Beta",
      plan: "team",
      arr: 1_000_000,
      seats: 10,
    });
    await createAccount({
      externalId: `${p}-3`,
      name: "Gamma",
      plan: "starter",
      arr: 300_000,
      seats: 3,
    });
    const csv =
      "external_id,name,plan,arr,seats,renewal_date,owner_email,status\r\n" +
      `${p}-1,"Alpha, Inc.",business,"3,000,000",20,2026-04-01,${owner.email},active\r\n` +
      `${p}-2,Beta,team,1500000,12,,,active\r\n` +
      `${p}-3,Gamma,starter,300000,3,,,active\r\n`;
    const { previewed } = await importAll(actor, csv);
    expect(previewed.counts).toEqual({ create: 1, update: 1, unchanged: 1, reject: 0 });
    const byRow = Object.fromEntries(previewed.report.map((r) => [r.row, r]));
    expect(byRow[2]).toMatchObject({ outcome: "create", key: `${p}-1` });
    expect(byRow[3]!.outcome).toBe("update");
    expect(byRow[3]!.changes).toEqual([
      { field: "arr", from: "1000000", to: "1500000" },
      { field: "seats", from: "10", to: "12" },
    ]);
    expect(byRow[4]).toMatchObject({ outcome: "unchanged" });
    // The preview wrote nothing.
    expect(await db.account.count({ where: { externalId: `${p}-1` } })).toBe(0);

    const result = await apply(actor, previewed.id);
    expect(result).toMatchObject({ status: "done", created: 1, updated: 1, unchanged: 1 });
    const alpha = await db.account.findUniqueOrThrow({ where: { externalId: `${p}-1` } });
    expect(alpha).toMatchObject({
      name: "Alpha, Inc.",
      plan: "business",
      arr: 3_000_000,
      seats: 20,
      segment: "low_touch",
      ownerId: owner.id,
    });
    expect(alpha.renewalDate?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    const history = await db.accountChange.findMany({
      where: { accountId: existing.id },
      orderBy: { field: "asc" },
      select: { field: true, oldValue: true, newValue: true, source: true },
    });
    expect(history).toEqual([
      { field: "arr", oldValue: "1000000", newValue: "1500000", source: "import" },
      { field: "seats", oldValue: "10", newValue: "12", source: "import" },
    ]);
    const job = await getImportJob(actor, previewed.id);
    expect(job.status).toBe("done");
    expect(job.processed).toBe(3);

    // The same file again: nothing to do, nothing written.
    const changesBefore = await db.accountChange.count();
    const again = await importAll(actor, csv);
    expect(again.previewed.counts).toEqual({ create: 0, update: 0, unchanged: 3, reject: 0 });
    expect(await apply(actor, again.previewed.id)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await db.accountChange.count()).toBe(changesBefore);
    expect(
      await db.auditLog.count({ where: { action: "import.accounts.applied", actorId: actor.id } }),
    ).toBe(2);
  });

  it("reads a Shift_JIS file from Japanese Excel with Japanese headers, plans and dates", async () => {
    await db.user.deleteMany({ where: { email: "owner@acme.test" } });
    const owner = await createUser({ role: "cs", email: "owner@acme.test" });
    const actor = await staff();
    const job = await upload(actor, readFileSync("test/fixtures/accounts-shift-jis.csv"));
    expect(job.encoding).toBe("shift_jis");
    expect(job.preset).toBe("japanese");
    expect(job.headers).toContain("年間契約額");
    await previewImportJob({ actor, jobId: job.id, mapping: job.mapping });
    expect(await apply(actor, job.id)).toMatchObject({ status: "done", created: 2 });
    const one = await db.account.findUniqueOrThrow({ where: { externalId: "JP-001" } });
    expect(one).toMatchObject({
      name: "株式会社サンプル商事",
      plan: "business",
      arr: 3_600_000,
      seats: 25,
      ownerId: owner.id,
    });
    expect(one.renewalDate?.toISOString().slice(0, 10)).toBe("2026-04-01");
    const two = await db.account.findUniqueOrThrow({ where: { externalId: "JP-002" } });
    expect(two).toMatchObject({ name: "ＡＣＭＥ 工業", plan: "enterprise", segment: "high_touch" });
  });

  it("reads a UTF-8 file with a BOM (Salesforce headers, quoted newline, US dates)", async () => {
    await db.user.deleteMany({ where: { email: "owner@acme.test" } });
    await createUser({ role: "cs", email: "owner@acme.test" });
    const actor = await staff();
    const job = await upload(actor, readFileSync("test/fixtures/accounts-salesforce-bom.csv"));
    expect(job.encoding).toBe("utf-8-bom");
    expect(job.preset).toBe("salesforce");
    expect(job.headers[0]).toBe("Account ID");
    await previewImportJob({ actor, jobId: job.id, mapping: job.mapping });
    await apply(actor, job.id);
    const globex = await db.account.findUniqueOrThrow({ where: { externalId: "SF-001" } });
    expect(globex.name).toBe("Globex, Inc.");
    expect(globex.renewalDate?.toISOString().slice(0, 10)).toBe("2026-04-30");
    const initech = await db.account.findUniqueOrThrow({ where: { externalId: "SF-002" } });
    expect(initech.name).toBe("Initech\nHolding");
  });

  it("takes MRR times 12 when no ARR column is mapped", async () => {
    const actor = await staff();
    const id = `mrr-${uid()}`;
    const { previewed } = await importAll(actor, `id,name,plan,mrr\n${id},M,team,"100,000"\n`);
    await apply(actor, previewed.id);
    expect((await db.account.findUniqueOrThrow({ where: { externalId: id } })).arr).toBe(1_200_000);
  });
});

describe("account CSV import: bad input", () => {
  it("refuses files that are not CSV, empty files and header-only files", async () => {
    const actor = await staff();
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(upload(actor, xlsx)).rejects.toMatchObject({ code: "spreadsheet" });
    await expect(
      upload(actor, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])),
    ).rejects.toMatchObject({ code: "notText" });
    await expect(upload(actor, enc(""))).rejects.toMatchObject({ code: "empty" });
    await expect(upload(actor, enc("external_id,name\r\n"))).rejects.toMatchObject({
      code: "noRows",
    });
    const broken = upload(actor, enc('external_id,name\r\na,"unclosed\r\n'));
    await expect(broken).rejects.toBeInstanceOf(CsvFileError);
    await expect(broken).rejects.toMatchObject({ code: "notCsv" });
    await expect(upload(actor, enc("a,b\r\n1,2,3\r\n"))).rejects.toMatchObject({
      code: "notCsv",
      params: { line: 2 },
    });
  });

  it("names row and column of every rejection, and a file with rejections changes nothing", async () => {
    const actor = await staff();
    const p = uid();
    const before = await createAccount({ externalId: `${p}-keep`, arr: 500_000, plan: "team" });
    const csv =
      "external_id,name,plan,arr,renewal_date,owner_email\n" +
      `${p}-keep,Keep,team,900000,,\n` + // row 2: a valid update
      `${p}-dup,A,team,100,,\n` + // row 3: duplicate
      `${p}-neg,B,team,-5,,\n` + // row 4: negative ARR
      `${p}-dup,C,team,100,,\n` + // row 5: duplicate
      `${p}-date,D,team,100,2026-02-30,\n` + // row 6: impossible date
      `${p}-own,E,team,100,,nobody@acme.test\n` + // row 7: unknown owner
      `${p}-plan,F,platinum,100,,\n`; // row 8: unknown plan
    const { previewed } = await importAll(actor, csv);
    expect(previewed.counts).toEqual({ create: 0, update: 1, unchanged: 0, reject: 6 });
    const rejected = Object.fromEntries(
      previewed.report.filter((r) => r.outcome === "reject").map((r) => [r.row, r.errors]),
    );
    expect(rejected[3]).toEqual([
      {
        field: "external_id".replace("external_id", "externalId"),
        code: "duplicateId",
        params: { value: `${p}-dup`, rows: "3, 5" },
        column: "external_id",
      },
    ]);
    expect(rejected[5]![0]).toMatchObject({ code: "duplicateId", params: { rows: "3, 5" } });
    expect(rejected[4]).toEqual([{ field: "arr", code: "negative", column: "arr" }]);
    expect(rejected[6]).toEqual([
      {
        field: "renewalDate",
        code: "dateImpossible",
        params: { value: "2026-02-30" },
        column: "renewal_date",
      },
    ]);
    expect(rejected[7]).toEqual([
      {
        field: "ownerEmail",
        code: "ownerUnknown",
        params: { value: "nobody@acme.test" },
        column: "owner_email",
      },
    ]);
    expect(rejected[8]![0]).toMatchObject({ field: "plan", code: "planUnknown", column: "plan" });
    // The report lists rejections first.
    expect(previewed.report[0]!.outcome).toBe("reject");

    await expect(claimImportJob(actor, previewed.id)).rejects.toMatchObject({
      status: 422,
      code: "hasRejections",
    });
    expect((await db.account.findUniqueOrThrow({ where: { id: before.id } })).arr).toBe(500_000);
    expect(await db.account.count({ where: { externalId: { startsWith: `${p}-` } } })).toBe(1);
  });

  it("requires the key column to be mapped and a name and plan for new accounts", async () => {
    const actor = await staff();
    const job = await upload(actor, enc("foo,bar\n1,2\n"));
    const result = await previewImportJob({ actor, jobId: job.id, mapping: { name: "bar" } });
    expect(result.mappingErrors).toEqual([{ field: "externalId", code: "fieldRequired" }]);
    const missing = await previewImportJob({
      actor,
      jobId: job.id,
      mapping: { externalId: "foo", name: "nope" },
    });
    expect(missing.mappingErrors).toEqual([{ field: "name", code: "columnMissing" }]);
    await previewImportJob({ actor, jobId: job.id, mapping: { externalId: "foo" } });
    const previewed = await getImportJob(actor, job.id);
    expect(previewed.report[0]!.errors!.map((e) => e.code)).toEqual([
      "nameRequiredForNew",
      "planRequiredForNew",
    ]);
  });

  it("lets only staff import, and refuses applying twice", async () => {
    const actor = await staff();
    const customer = await createUser({ role: "account_admin" });
    const customerActor: Actor = {
      id: customer.id,
      role: "account_admin",
      accountId: customer.accountId,
    };
    await expect(upload(customerActor, enc("id,name\n1,a\n"))).rejects.toMatchObject({
      status: 403,
    });
    const { previewed } = await importAll(actor, `id,name,plan\nonce-${uid()},Once,team\n`);
    await apply(actor, previewed.id);
    await expect(claimImportJob(actor, previewed.id)).rejects.toBeInstanceOf(ImportRequestError);
  });

  it("gives a job that stopped while applying back to CS, who applies it again", async () => {
    const actor = await staff();
    const key = `stalled-${uid()}`;
    const { previewed } = await importAll(actor, `id,name,plan\n${key},Stalled,team\n`);
    await claimImportJob(actor, previewed.id);
    // Still within the stall time: another process may be applying it.
    expect((await getImportJob(actor, previewed.id)).status).toBe("applying");

    // The server stopped mid-apply: nothing has moved for longer than the stall time.
    await db.importJob.update({
      where: { id: previewed.id },
      data: { updatedAt: new Date(Date.now() - STALLED_APPLY_MS - 60_000) },
    });
    const released = await getImportJob(actor, previewed.id);
    expect({ status: released.status, error: released.error }).toEqual({
      status: "previewed",
      error: "interrupted",
    });
    expect(await apply(actor, previewed.id)).toMatchObject({ status: "done", created: 1 });
    expect(await db.account.count({ where: { externalId: key } })).toBe(1);
  });
});

describe("member CSV import", () => {
  it("creates members without passwords, updates changed ones and rejects unknown accounts and staff e-mails", async () => {
    const actor = await staff();
    const account = await createAccount();
    const existing = await createUser({
      accountId: account.id,
      name: "Old Name",
      email: `m-${uid()}@example.test`,
    });
    const staffUser = await createUser({ role: "admin" });
    const fresh = `new-${uid()}@example.test`;
    const csv =
      "account_id,email,name,role,locale\n" +
      `${account.externalId},${fresh},新しい人,管理者,ja\n` +
      `${account.externalId},${existing.email.toUpperCase()},New Name,member,\n` +
      `no-such-account,x-${uid()}@example.test,X,member,en\n` +
      `${account.externalId},${staffUser.email},Staff,member,en\n`;
    const { previewed } = await importAll(actor, csv, "users");
    expect(previewed.counts).toEqual({ create: 1, update: 1, unchanged: 0, reject: 2 });
    const codes = previewed.report
      .filter((r) => r.outcome === "reject")
      .map((r) => [r.row, r.errors![0]!.code]);
    expect(codes).toEqual([
      [4, "accountUnknown"],
      [5, "staffEmail"],
    ]);
    // Fix the file: drop the bad rows and apply.
    const good = csv.split("\n").slice(0, 3).join("\n") + "\n";
    const second = await importAll(actor, good, "users");
    await apply(actor, second.previewed.id);
    const created = await db.user.findUniqueOrThrow({
      where: { email: fresh },
      include: { password: true },
    });
    expect(created).toMatchObject({
      name: "新しい人",
      role: "account_admin",
      locale: "ja",
      accountId: account.id,
      password: null,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe("New Name");
  });
});
