import { PassThrough, type Transform } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DropNulBytes } from "./html-stream.server";

/** Renders through React's Node stream and returns the bytes that reached the end of `sink`. */
function render(items: string[], sink: Transform): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    sink.on("error", reject);
    const list = (
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    );
    const { pipe } = renderToPipeableStream(list, {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

// Short Japanese texts (three bytes a character): sooner or later React's 2,048-byte buffer
// ends inside one.
const ITEMS = Array.from({ length: 300 }, (_, i) => `インサイトの種類 ${i}`);

describe("HTML stream", () => {
  it("React 18 alone leaves NUL bytes where a character did not fit in its buffer", async () => {
    const html = await render(ITEMS, new PassThrough());
    expect(html.includes(0)).toBe(true);
  });

  it("comes out whole through DropNulBytes", async () => {
    const html = (await render(ITEMS, new DropNulBytes())).toString("utf8");
    expect(html).toBe(`<ul>${ITEMS.map((item) => `<li>${item}</li>`).join("")}</ul>`);
  });
});
