// Builds the e2e database: migrations, then the fixtures of test/e2e/fixtures.ts made with the
// factories, then the ids and signed-in browser states the specs need. Run by start-server.mjs
// with DATABASE_URL pointing at a fresh file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../prisma/migrate";
import { disconnectDb } from "../../app/utils/db.server";
import { SESSION_ABSOLUTE_TIMEOUT_MS } from "../../app/utils/session.server";
import { createAccount, createSessionCookie, createUser, TEST_PASSWORD } from "../factories";
import {
  ACCOUNTS,
  E2E_AUTH_DIR,
  E2E_IDS_FILE,
  E2E_PASSWORD,
  PRE_SIGNED_IN,
  USERS,
  type AccountKey,
  type E2eIds,
  type UserKey,
} from "./fixtures";

const url = process.env.DATABASE_URL;
if (!url?.startsWith("file:")) throw new Error("seed.ts: DATABASE_URL must be a file: URL");
if (E2E_PASSWORD !== TEST_PASSWORD) {
  throw new Error("test/e2e/fixtures.ts E2E_PASSWORD differs from the factories' TEST_PASSWORD");
}

await migrate(url);

const accounts = {} as Record<AccountKey, string>;
for (const a of Object.values(ACCOUNTS)) {
  const row = await createAccount({ name: a.name, externalId: a.externalId, seats: 25 });
  accounts[a.key] = row.id;
}

const users = {} as Record<UserKey, string>;
for (const [key, u] of Object.entries(USERS) as [UserKey, (typeof USERS)[UserKey]][]) {
  const row = await createUser({
    email: u.email,
    name: u.name,
    role: u.role,
    accountId: u.account ? accounts[u.account] : null,
    locale: u.locale,
  });
  users[key] = row.id;
}

const ids: E2eIds = { accounts, users };
mkdirSync(E2E_AUTH_DIR, { recursive: true });
writeFileSync(E2E_IDS_FILE, JSON.stringify(ids, null, 2));

// Specs that are not about signing in start from these states instead of the login form.
const expires = Math.floor((Date.now() + SESSION_ABSOLUTE_TIMEOUT_MS) / 1000);
for (const key of PRE_SIGNED_IN) {
  const { cookie } = await createSessionCookie(users[key]);
  const at = cookie.indexOf("=");
  const state = {
    cookies: [
      {
        name: cookie.slice(0, at),
        value: cookie.slice(at + 1),
        domain: "localhost",
        path: "/",
        expires,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      },
    ],
    origins: [],
  };
  writeFileSync(path.join(E2E_AUTH_DIR, `${key}.json`), JSON.stringify(state, null, 2));
}

await disconnectDb();
console.log(
  `e2e fixtures: ${Object.keys(accounts).length} accounts, ${Object.keys(users).length} users`,
);
