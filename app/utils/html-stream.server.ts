// React 18's Node stream writer fills 2,048-byte buffers; when a multi-byte character does not
// fit at the end of one, it sends the whole buffer anyway, unused zero bytes included
// (facebook/react#24985, still in 18.3). Browsers show each NUL as U+FFFD, so Japanese text
// that happens to straddle a buffer boundary gets a stray "�". HTML never contains NUL bytes
// (the parser replaces them), so dropping them restores the text. Test: html-stream.test.ts.
import { Transform, type TransformCallback } from "node:stream";

const NUL = 0;

export class DropNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.indexOf(NUL) === -1) return done(null, chunk);
    done(null, Buffer.from(chunk.filter((byte) => byte !== NUL)));
  }
}
