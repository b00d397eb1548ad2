import { describe, expect, it } from "vitest";
import { MENTION_PATTERN, profilePath } from "../models/forum-policy";
import { markdownToText, renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders CommonMark, tables, code with highlighting and images", () => {
    const { html } = renderMarkdown(
      "# Title\n\nSome **bold** text.\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```\n\n![chart](https://cdn.example/chart.png)",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<table>");
    expect(html).toContain('style="text-align:right"');
    expect(html).toContain('<code class="hljs language-js">');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain(
      '<img src="https://cdn.example/chart.png" alt="chart" loading="lazy" />',
    );
  });

  it("turns [!TIP] blockquotes into callouts", () => {
    const { html } = renderMarkdown("> [!TIP]\n> Save often.");
    expect(html).toContain('<blockquote class="callout callout-tip" data-callout="tip">');
    expect(html).toContain("Save often.");
    expect(html).not.toContain("[!TIP]");
  });

  it("gives h2 and h3 ids, in Japanese too, unique per page", () => {
    const { html, headings } = renderMarkdown("## 手順 1: 準備\n\n### Details\n\n## Details");
    expect(headings).toEqual([
      { level: 2, id: "手順-1-準備", text: "手順 1: 準備" },
      { level: 3, id: "details", text: "Details" },
      { level: 2, id: "details-2", text: "Details" },
    ]);
    expect(html).toContain('<h2 id="手順-1-準備">');
  });

  it.each([
    ["<script>alert(1)</script>", "<script"],
    ['<img src="x" onerror="alert(1)">', "onerror"],
    ['<a href="javascript:alert(1)">x</a>', "javascript:"],
    ["[x](javascript:alert(1))", 'href="javascript'],
    ['<iframe src="https://evil.example"></iframe>', "<iframe"],
    ['<div style="background:url(javascript:alert(1))">x</div>', "style="],
    ['<svg onload="alert(1)"></svg>', "<svg"],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', "alert"],
    ["<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">", "ascript"],
    ['<object data="x"></object>', "<object"],
    ["<style>body{display:none}</style>", "<style"],
    ['<form action="https://evil.example"><input name="p"></form>', "<form"],
  ])("renders %s inert", (input, forbidden) => {
    expect(renderMarkdown(input).html.toLowerCase()).not.toContain(forbidden.toLowerCase());
  });

  it("gives every image a text alternative and drops images left without an address", () => {
    const { html } = renderMarkdown(
      '<img src="https://cdn.example/a.png"> <img src="javascript:alert(1)" alt="x"> ![](/local.png)',
    );
    expect(html).toContain('<img src="https://cdn.example/a.png" alt="" loading="lazy" />');
    expect(html).toContain('<img src="/local.png" alt="" loading="lazy" />');
    expect(html).not.toContain("javascript");
    expect(html.match(/<img/g)).toHaveLength(2);
  });

  it("marks external links", () => {
    const { html } = renderMarkdown("[docs](https://docs.example) and [home](/kb)");
    expect(html).toContain(
      'href="https://docs.example" rel="noopener noreferrer nofollow ugc" target="_blank"',
    );
    expect(html).toContain('<a href="/kb">home</a>');
  });
});

describe("markdownToText", () => {
  it("drops markup and keeps words", () => {
    expect(markdownToText("## Hi\n\n**Bold** & <b>tags</b>")).toBe("Hi Bold & tags");
  });
});

describe("mention links", () => {
  const mentions = { pattern: MENTION_PATTERN, href: profilePath };

  it("links @handles in prose but not in code, links or e-mail addresses", () => {
    const { html } = renderMarkdown(
      "Thanks @Aoi_M! Ask `@root` or [@team](https://x.test), not taro@example.com.\n\n```\n@code\n```",
      { mentions },
    );
    expect(html).toContain('<a href="/community/u/aoi_m" class="mention">@Aoi_M</a>!');
    expect(html).toContain("<code>@root</code>");
    expect(html).not.toContain("/u/team");
    expect(html).not.toContain("/u/example");
    expect(html).not.toContain("/u/code");
  });

  it("leaves mentions as text without the option", () => {
    expect(renderMarkdown("Hi @aoi").html).toBe("<p>Hi @aoi</p>\n");
  });
});
