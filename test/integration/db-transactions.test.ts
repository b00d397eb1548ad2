// One SQLite connection serves the whole process (the better-sqlite3 driver adapter). A query
// from another request while a transaction is open must not run inside that transaction, or a
// rollback there would silently take the other request's write with it.
import { describe, expect, it } from "vitest";
import { db, sqliteRows } from "../../app/utils/db.server";
import { createAccount } from "../factories";

class Abort extends Error {}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transactions and concurrent requests", () => {
  it("keeps another request's write when a transaction rolls back", async () => {
    const account = await createAccount();
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));

    const failing = db
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "tx-rolled-back", value: "1" } });
        inside();
        await pause(150);
        throw new Abort();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Abort)) throw error;
      });

    await opened;
    // Another request writes while the transaction is open.
    await db.account.update({ where: { id: account.id }, data: { name: "Written meanwhile" } });
    await failing;

    expect(await db.setting.findUnique({ where: { key: "tx-rolled-back" } })).toBeNull();
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).name).toBe(
      "Written meanwhile",
    );
  });

  it("does not show another request a transaction's uncommitted rows", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));

    const pending = db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "tx-uncommitted", value: "1" } });
      inside();
      await done;
      throw new Abort();
    });
    const settled = pending.catch(() => undefined);

    await opened;
    const seen = db.setting.findUnique({ where: { key: "tx-uncommitted" } });
    release();
    await settled;
    expect(await seen).toBeNull();
  });

  it("still lets code inside a transaction callback use the plain client", async () => {
    const account = await createAccount();
    await db.$transaction(async (tx) => {
      await tx.account.update({ where: { id: account.id }, data: { name: "In transaction" } });
      // Helpers that take no transaction client (for example recordEvent) must not deadlock.
      await db.setting.create({ data: { key: "inside-callback", value: "1" } });
    });
    expect(await db.setting.findUnique({ where: { key: "inside-callback" } })).not.toBeNull();
  });

  // The events API reads and writes SQLite around Prisma's compiler, on Prisma's connection.
  it.skipIf(process.env.TEST_DB === "postgres")(
    "makes statements that bypass Prisma wait for an open transaction too",
    async () => {
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const pending = db
        .$transaction(async (tx) => {
          await tx.setting.create({ data: { key: "tx-raw", value: "1" } });
          inside();
          await pause(100);
          throw new Abort();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Abort)) throw error;
        });

      await opened;
      const seen = sqliteRows(`SELECT "value" FROM "Setting" WHERE "key" = ?`, ["tx-raw"]);
      await sqliteRows(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`, [
        "raw-kept",
        "2",
        new Date().toISOString(),
      ]);
      await pending;
      expect(await seen).toEqual([]);
      expect(
        await sqliteRows(`SELECT "value" FROM "Setting" WHERE "key" = ?`, ["raw-kept"]),
      ).toEqual([["2"]]);
    },
  );
});
