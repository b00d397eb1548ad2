// The one Markdown renderer for articles, posts, announcements and previews: CommonMark plus
// tables, highlighted code, images and callouts, then an allow-list sanitizer, so whatever an
// author writes (raw HTML included) ends up inert.
import hljs from "highlight.js/lib/common";
import MarkdownIt from "markdown-it";
import Token from "markdown-it/lib/token.mjs";
import sanitizeHtml from "sanitize-html";

export const MARKDOWN_MAX_LENGTH = 100_000;
const CALLOUT_KINDS = ["note", "tip", "important", "warning", "caution"] as const;
type CalloutKind = (typeof CALLOUT_KINDS)[number];

export type Heading = { level: 2 | 3; id: string; text: string };
export type Rendered = { html: string; headings: Heading[] };
/** @mentions in prose (not in code or links) become links to the person's page. */
export type MentionLinks = { pattern: RegExp; href: (handle: string) => string };

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const md: MarkdownIt = new MarkdownIt({
  html: true, // authors may write HTML; the sanitizer below decides what survives
  linkify: true,
  typographer: false,
  highlight(code, language) {
    const lang = language && hljs.getLanguage(language) ? language : null;
    const body = lang
      ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value
      : escapeHtml(code);
    return `<pre class="code"><code class="hljs${lang ? ` language-${lang}` : ""}">${body}</code></pre>`;
  },
});

/** Heading ids that work for Japanese too: the text itself, spaces to dashes, made unique. */
export function slugifyHeading(text: string, seen: Map<string, number>): string {
  const base =
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "section";
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count ? `${base}-${count + 1}` : base;
}

function toCalloutKind(value: string): CalloutKind | null {
  const kind = value.toLowerCase();
  return (CALLOUT_KINDS as readonly string[]).includes(kind) ? (kind as CalloutKind) : null;
}

/**
 * Rewrites `> [!TIP]` blockquotes into callouts and gives h2/h3 ids, collecting them for a
 * table of contents (and the steps of a tutorial).
 */
function annotate(tokens: ReturnType<MarkdownIt["parse"]>): Heading[] {
  const headings: Heading[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "heading_open" && (token.tag === "h2" || token.tag === "h3")) {
      const inline = tokens[i + 1];
      const text = inline?.children?.map((c) => c.content).join("") ?? "";
      const id = slugifyHeading(text, seen);
      token.attrSet("id", id);
      headings.push({ level: token.tag === "h2" ? 2 : 3, id, text });
    }
    if (token.type === "blockquote_open") {
      const inline = tokens[i + 2];
      const match = inline?.type === "inline" ? /^\[!(\w+)\]\s*/.exec(inline.content) : null;
      const kind = match ? toCalloutKind(match[1]!) : null;
      if (!inline || !match || !kind) continue;
      token.attrSet("class", `callout callout-${kind}`);
      token.attrSet("data-callout", kind);
      inline.content = inline.content.slice(match[0].length);
      const first = inline.children?.[0];
      if (first?.type === "text") first.content = first.content.replace(/^\[!\w+\]\s*/, "");
      // A soft break right after the marker would leave an empty first line.
      if (inline.children?.[1]?.type === "softbreak" && first?.content === "")
        inline.children.splice(0, 2);
    }
  }
  return headings;
}

type Tokens = ReturnType<MarkdownIt["parse"]>;

/** Splits the text tokens outside links at every mention into a link to the mentioned person. */
function linkMentions(tokens: Tokens, mentions: MentionLinks): void {
  for (const block of tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: Tokens = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === "link_open") inLink++;
      if (token.type === "link_close") inLink--;
      if (token.type !== "text" || inLink > 0) {
        out.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(new RegExp(mentions.pattern.source, "gi"))) {
        const at = match.index ?? 0;
        if (at > last) out.push(textToken(token.content.slice(last, at)));
        const open = new Token("link_open", "a", 1);
        open.attrSet("href", mentions.href(match[1]!.toLowerCase()));
        open.attrSet("class", "mention");
        out.push(open, textToken(match[0]), new Token("link_close", "a", -1));
        last = at + match[0].length;
      }
      out.push(last === 0 ? token : textToken(token.content.slice(last)));
    }
    block.children = out;
  }
}

function textToken(content: string): Token {
  const token = new Token("text", "", 0);
  token.content = content;
  return token;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "span",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "kbd",
    "sup",
    "sub",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
  ],
  allowedAttributes: {
    a: ["href", "title", "class"],
    img: ["src", "alt", "title", "width", "height"],
    h2: ["id"],
    h3: ["id"],
    blockquote: ["class", "data-callout"],
    code: ["class"],
    pre: ["class"],
    span: ["class"],
    th: ["align", "style"],
    td: ["align", "style"],
    ol: ["start"],
  },
  allowedClasses: {
    a: ["mention"],
    blockquote: ["callout", ...CALLOUT_KINDS.map((k) => `callout-${k}`)],
    code: ["hljs", /^language-[\w-]+$/],
    pre: ["code"],
    span: [/^hljs-[\w-]+$/],
  },
  // markdown-it writes table alignment as style="text-align:…"; nothing else gets through.
  allowedStyles: { "*": { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? "");
      return {
        tagName,
        attribs: external
          ? { ...attribs, rel: "noopener noreferrer nofollow ugc", target: "_blank" }
          : attribs,
      };
    },
    // An image written without a description is decorative to a screen reader (alt="").
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, alt: attribs.alt ?? "", loading: "lazy" },
    }),
  },
  // An image whose address the filter removed (javascript:, data:) would show nothing.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  disallowedTagsMode: "discard",
};
// rel, target and loading are added by transformTags above; they must survive the filter.
(SANITIZE.allowedAttributes as Record<string, string[]>).a!.push("rel", "target");
(SANITIZE.allowedAttributes as Record<string, string[]>).img!.push("loading");

export function renderMarkdown(
  source: string,
  options: { mentions?: MentionLinks } = {},
): Rendered {
  const tokens = md.parse(source.slice(0, MARKDOWN_MAX_LENGTH), {});
  const headings = annotate(tokens);
  if (options.mentions) linkMentions(tokens, options.mentions);
  const html = sanitizeHtml(md.renderer.render(tokens, md.options, {}), SANITIZE);
  return { html, headings };
}

/** Plain text for snippets and search: Markdown rendered, then every tag dropped. */
export function markdownToText(source: string): string {
  const html = md.render(source.slice(0, MARKDOWN_MAX_LENGTH));
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** One h2/h3 section of a document as plain text blocks (paragraphs, list items, table rows). */
export type MarkdownSection = { heading: Heading | null; blocks: string[] };

const BLOCK_ENDS = new Set([
  "paragraph_close",
  "list_item_close",
  "tr_close",
  "blockquote_close",
  "heading_close",
]);

/**
 * The document split at its h2/h3 headings, with the same heading ids the article page renders
 * (annotate() above), so an answer can link to `#id`. Text before the first heading is the
 * section with heading null. Used by the answer bot to quote one section instead of a page.
 */
export function markdownSections(source: string): MarkdownSection[] {
  const tokens = md.parse(source.slice(0, MARKDOWN_MAX_LENGTH), {});
  const headings = annotate(tokens);
  const sections: MarkdownSection[] = [{ heading: null, blocks: [] }];
  let headingIndex = 0;
  let current = sections[0]!;
  let buffer: string[] = [];
  let inHeading = false;
  const flush = () => {
    const text = buffer.join("").replace(/\s+/g, " ").trim();
    if (text) current.blocks.push(text);
    buffer = [];
  };
  for (const token of tokens) {
    if (token.type === "heading_open" && (token.tag === "h2" || token.tag === "h3")) {
      flush();
      current = { heading: headings[headingIndex++] ?? null, blocks: [] };
      sections.push(current);
      inHeading = true;
      continue;
    }
    if (token.type === "heading_close" && inHeading) {
      buffer = [];
      inHeading = false;
      continue;
    }
    if (inHeading) continue;
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") buffer.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") buffer.push(" ");
        else if (child.type === "image") buffer.push(child.content);
      }
    } else if (token.type === "th_close" || token.type === "td_close") {
      buffer.push(" | ");
    } else if (token.type === "fence" || token.type === "code_block") {
      flush();
      buffer.push(token.content);
      flush();
    } else if (BLOCK_ENDS.has(token.type)) {
      // A table row ends with a dangling separator.
      if (token.type === "tr_close" && buffer.length) buffer[buffer.length - 1] = "";
      flush();
    }
  }
  flush();
  return sections.filter((s, i) => i > 0 || s.blocks.length > 0);
}
