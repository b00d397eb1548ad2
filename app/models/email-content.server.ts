// Plain text and simple, safe HTML for e-mails. Every value is escaped; the only HTML that is not
// built here is a newsletter body, which comes from the KB's sanitising Markdown renderer.
import type { TFunction } from "i18next";
import { getI18n, getT, isLocale, DEFAULT_LOCALE, type Locale } from "~/i18n";
import { getEnv } from "~/utils/env.server";

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function emailLocale(stored: string | null | undefined): Locale {
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

/** An absolute link to a portal path (e-mails are read outside the portal). */
export function portalUrl(path: string) {
  // Paths are the portal's own ("/…"); joining strings is what URL() would do, without its cost.
  if (path.startsWith("/") && !path.startsWith("//"))
    return getEnv().APP_URL.replace(/\/$/, "") + path;
  return new URL(path, getEnv().APP_URL).toString();
}

export type EmailItem = { text: string; url?: string };
export type EmailSection = { heading: string; items: EmailItem[] };

export type EmailLayout = {
  locale: Locale;
  name?: string | null;
  intro: string[];
  sections?: EmailSection[];
  /** Already-sanitised HTML (newsletters) with its plain-text twin. */
  rich?: { html: string; text: string };
  action?: EmailItem;
  /** The link that stops this kind of e-mail; shown in the footer. */
  unsubscribeUrl?: string | null;
};

const STYLE = {
  body: "margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI','Hiragino Sans','Noto Sans JP',sans-serif;color:#1f2933;line-height:1.6",
  card: "max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px",
  h2: "font-size:16px;margin:24px 0 8px",
  button:
    "display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none",
  footer: "max-width:600px;margin:16px auto 0;font-size:12px;color:#52606d",
  link: "color:#1d4ed8",
};

export function renderEmail(layout: EmailLayout): { text: string; html: string } {
  const t = bulkT(layout.locale);
  const settingsUrl = portalUrl("/settings#notifications");
  const text: string[] = [];
  const html: string[] = [];
  if (layout.name) {
    text.push(t("notifications.email.greeting", { name: layout.name }), "");
    html.push(`<p>${escapeHtml(t("notifications.email.greeting", { name: layout.name }))}</p>`);
  }
  for (const line of layout.intro) {
    text.push(line, "");
    html.push(`<p>${escapeHtml(line)}</p>`);
  }
  if (layout.rich) {
    text.push(layout.rich.text, "");
    html.push(layout.rich.html);
  }
  for (const section of layout.sections ?? []) {
    text.push(`■ ${section.heading}`);
    html.push(`<h2 style="${STYLE.h2}">${escapeHtml(section.heading)}</h2><ul>`);
    for (const item of section.items) {
      text.push(item.url ? `- ${item.text}\n  ${item.url}` : `- ${item.text}`);
      html.push(
        item.url
          ? `<li><a style="${STYLE.link}" href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a></li>`
          : `<li>${escapeHtml(item.text)}</li>`,
      );
    }
    text.push("");
    html.push("</ul>");
  }
  if (layout.action?.url) {
    text.push(t("notifications.email.open", { url: layout.action.url }), "");
    html.push(
      `<p><a style="${STYLE.button}" href="${escapeHtml(layout.action.url)}">${escapeHtml(layout.action.text)}</a></p>`,
    );
  }
  text.push(
    "--",
    t("notifications.email.why"),
    t("notifications.email.manage", { url: settingsUrl }),
  );
  const footer = [
    escapeHtml(t("notifications.email.why")),
    `<a style="${STYLE.link}" href="${escapeHtml(settingsUrl)}">${escapeHtml(t("notifications.email.manageLabel"))}</a>`,
  ];
  if (layout.unsubscribeUrl) {
    text.push(t("notifications.email.unsubscribe", { url: layout.unsubscribeUrl }));
    footer.push(
      `<a style="${STYLE.link}" href="${escapeHtml(layout.unsubscribeUrl)}">${escapeHtml(t("notifications.email.unsubscribeLabel"))}</a>`,
    );
  }
  return {
    text: text.join("\n"),
    html:
      `<!doctype html><html lang="${layout.locale}"><head><meta charset="utf-8"></head>` +
      `<body style="${STYLE.body}"><div style="${STYLE.card}">${html.join("\n")}</div>` +
      `<p style="${STYLE.footer}">${footer.join(" · ")}</p></body></html>`,
  };
}

/** RFC 2369 / RFC 8058 headers: mail clients show an unsubscribe button that POSTs the URL. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

const templates = new Map<string, string | null>();

/**
 * A translator for bulk mail (digests for every user at once): the raw message once per locale and
 * key, then plain {{name}} substitution, ~50x cheaper than i18next's t() per call. Messages with
 * anything but plain variables fall back to t().
 */
export function bulkT(locale: Locale): TFunction {
  const t = getT(locale);
  const i18n = getI18n(locale);
  return ((key: string, vars?: Record<string, unknown>) => {
    const id = `${locale}:${key}`;
    let template = templates.get(id);
    if (template === undefined) {
      const raw = i18n.getResource(locale, "translation", key) as unknown;
      template = typeof raw === "string" && !/\$t\(|{{-|,\s*\w+}}/.test(raw) ? raw : null;
      templates.set(id, template);
    }
    if (template === null || (vars && "defaultValue" in vars)) return t(key, vars);
    if (!vars) return template;
    return template.replace(/{{(\w+)}}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  }) as TFunction;
}
