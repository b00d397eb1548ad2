// A realistic help article body, shared by the page and load benchmarks.
import { rng } from "./stats";

export const WORDS =
  "project task report dashboard member workspace export filter schedule invoice permission board timeline webhook token sprint milestone comment template calendar".split(
    " ",
  );

export function sentence(random: () => number, words = 14) {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]);
  const text = picked.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

/** A realistic help article: 2–6 KB with headings, a callout, a table, a list and code. */
export function articleBody(index: number): string {
  const random = rng(index + 1);
  const sections = 3 + Math.floor(random() * 4);
  const parts = [sentence(random, 30), "> [!TIP]\n> " + sentence(random)];
  for (let s = 1; s <= sections; s++) {
    parts.push(`## ${s}. ${sentence(random, 4).slice(0, -1)}`);
    parts.push(
      Array.from({ length: 2 + Math.floor(random() * 3) }, () => sentence(random)).join(" "),
    );
    if (s === 2) {
      parts.push(
        "| Setting | Default | Notes |\n| --- | :---: | --- |\n" +
          Array.from(
            { length: 5 },
            (_, r) => `| option_${r} | ${r % 2 ? "on" : "off"} | ${sentence(random, 6)} |`,
          ).join("\n"),
      );
    }
    if (s === 3) {
      parts.push(
        '```js\nconst res = await fetch("https://api.acme.example/v1/reports", {\n  headers: { Authorization: `Bearer ${token}` },\n});\nconst { reports } = await res.json();\nconsole.log(reports.length);\n```',
      );
      parts.push(
        `### Details\n\n- ${sentence(random, 8)}\n- ${sentence(random, 8)}\n- **${sentence(random, 3)}**`,
      );
    }
  }
  return parts.join("\n\n");
}
