// The bell → list → mark all read journey in both languages, and the newsletter console:
// compose → preview → send a test to oneself.
import { expect, test } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, E2E_NOTIFICATIONS, USERS } from "./fixtures";
import { BROWSER_LOCALE, open } from "./helpers";

const JOURNEYS = [
  { lang: "en", user: "notifiedEn", m: en.notifications, topic: "How do I share a dashboard?" },
  { lang: "ja", user: "notifiedJa", m: ja.notifications, topic: "ダッシュボードを共有するには?" },
] as const;

for (const { lang, user, m, topic } of JOURNEYS) {
  test.describe(`notifications in ${lang}`, () => {
    test.use({ storageState: authState(user), locale: BROWSER_LOCALE[lang] });

    test("the bell shows the unread count, leads to the list, and mark all read empties it", async ({
      page,
    }) => {
      await open(page, "/");
      const unreadName = m.bellUnread.replace("{{count}}", String(E2E_NOTIFICATIONS));
      const bell = page.getByRole("link", { name: unreadName, exact: true });
      await expect(bell).toBeVisible();
      // Keyboard: the bell is a link in the tab order.
      await bell.focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/notifications$/);
      await expect(page.getByRole("heading", { level: 1, name: m.title })).toBeVisible();
      const items = page.locator(".notification-list > li");
      await expect(items).toHaveCount(E2E_NOTIFICATIONS);
      const actor = USERS.memberA.name;
      await expect(
        page.getByRole("link", {
          name: m.messages.reply.replace("{{actor}}", actor).replace("{{topic}}", topic),
        }),
      ).toBeVisible();

      await page.getByRole("button", { name: m.markAllRead }).click();
      await expect(page.getByRole("status").filter({ hasText: m.markedAll })).toBeVisible();
      await expect(page.getByRole("link", { name: m.bell, exact: true })).toBeVisible();
      await expect(page.locator(".notification-unread")).toHaveCount(0);
    });
  });
}

test.describe("newsletter console", () => {
  test.use({ storageState: authState("cs"), locale: BROWSER_LOCALE.en });

  test("compose, preview with the exact recipient count, send a test to oneself", async ({
    page,
  }) => {
    const m = en.notifications.newsletters;
    await open(page, "/admin/newsletters/new");
    await page.getByLabel(m.subject, { exact: true }).fill("E2E newsletter: what is new");
    await page
      .getByLabel(m.body, { exact: true })
      .fill("## Hello\n\nRead the [guide](https://acme.example/guide).");

    // Unsafe Markdown is refused with a message, and nothing is saved.
    await page.getByLabel(m.body, { exact: true }).fill("<script>alert(1)</script>");
    await page.getByRole("button", { name: m.save }).click();
    await expect(page.getByRole("alert").filter({ hasText: "<script>" })).toBeVisible();

    await page
      .getByLabel(m.body, { exact: true })
      .fill("## Hello\n\nRead the [guide](https://acme.example/guide).");
    await page.getByRole("button", { name: m.save }).click();
    await expect(page).toHaveURL(/\/admin\/newsletters\/\w+\?created=1$/);
    await expect(page.getByTestId("recipient-count")).toHaveText(/^Recipients: [1-9]\d*$/);

    await page.getByRole("button", { name: m.preview, exact: true }).click();
    const preview = page.locator(".newsletter-preview");
    await expect(preview.getByRole("heading", { name: "Hello" })).toBeVisible();
    await expect(preview.getByRole("link", { name: "guide" })).toHaveAttribute(
      "href",
      /\/newsletters\/\w+\/l\/0$/,
    );

    await page.getByRole("button", { name: m.sendTest }).click();
    await expect(
      page.getByRole("status").filter({ hasText: m.testSent.replace("{{email}}", USERS.cs.email) }),
    ).toBeVisible();
  });
});
