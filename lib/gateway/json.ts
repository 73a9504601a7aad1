/**
 * JSON from a request body Buffer. Up to LARGE_JSON_BYTES the body becomes one string
 * for the native JSON.parse (fastest). Past it — 50 images of 10 MB are ~700 MB of
 * Base64, more than V8's longest string (buffer.constants.MAX_STRING_LENGTH, 2^29 − 24
 * ≈ 512 MiB, so JSON.parse cannot even be called) — a byte-level parser walks the
 * Buffer and only each string value becomes a JS string (an image of 10 MB is ~14 MB).
 * Strings without escapes are sliced straight from the bytes (found with the native
 * Buffer.indexOf); strings with escapes, and numbers, go through JSON.parse on their own
 * slice, so both parsers accept and refuse the same documents, except that the byte
 * parser does not refuse raw control characters inside strings. Nesting deeper than
 * MAX_DEPTH is refused (JSON.parse would overflow the stack on such a body too).
 */
import { isAscii } from "node:buffer";

export const LARGE_JSON_BYTES = 128 * 1024 * 1024;
const MAX_DEPTH = 64;

export class JsonSyntaxError extends Error {
  constructor(at: number) {
    super(`invalid JSON at byte ${at}`);
    this.name = "JsonSyntaxError";
  }
}

/** Parses a JSON body; throws (SyntaxError or JsonSyntaxError) when it is not JSON. */
export function parseJsonBody(body: Buffer, largeFrom: number = LARGE_JSON_BYTES): unknown {
  if (body.length < largeFrom) return JSON.parse(body.toString("utf8"));
  return new ByteParser(body).document();
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER_BYTE = /[-+.eE0-9]/;
const NUMBER_RE = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

class ByteParser {
  private i = 0;
  constructor(private readonly b: Buffer) {
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) throw new JsonSyntaxError(0); // JSON.parse refuses a BOM too
  }

  document(): unknown {
    const v = this.value(0);
    this.ws();
    if (this.i !== this.b.length) throw new JsonSyntaxError(this.i);
    return v;
  }

  private ws(): void {
    while (this.i < this.b.length && WS.has(this.b[this.i]!)) this.i++;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.i);
    this.ws();
    const c = this.b[this.i];
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x22) return this.string();
    if (c === 0x74) return this.literal("true", true);
    if (c === 0x66) return this.literal("false", false);
    if (c === 0x6e) return this.literal("null", null);
    return this.number();
  }

  private object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.b[this.i] === 0x7d) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.b[this.i] !== 0x22) throw new JsonSyntaxError(this.i);
      const key = this.string();
      this.ws();
      if (this.b[this.i] !== 0x3a) throw new JsonSyntaxError(this.i);
      this.i++;
      const v = this.value(depth + 1);
      // an own "__proto__" property, as JSON.parse makes, never the prototype
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.b[this.i++];
      if (c === 0x7d) return out;
      if (c !== 0x2c) throw new JsonSyntaxError(this.i - 1);
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.b[this.i] === 0x5d) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.b[this.i++];
      if (c === 0x5d) return out;
      if (c !== 0x2c) throw new JsonSyntaxError(this.i - 1);
    }
  }

  private string(): string {
    const start = this.i; // the opening quote
    let from = start + 1;
    for (;;) {
      const q = this.b.indexOf(0x22, from);
      if (q < 0) throw new JsonSyntaxError(start);
      let slashes = 0;
      while (this.b[q - 1 - slashes] === 0x5c) slashes++;
      if (slashes % 2 === 1) {
        from = q + 1; // an escaped quote
        continue;
      }
      this.i = q + 1;
      const raw = this.b.subarray(start + 1, q);
      if (raw.includes(0x5c)) return JSON.parse(this.b.toString("utf8", start, q + 1)) as string;
      return raw.toString(isAscii(raw) ? "ascii" : "utf8"); // Base64 is ASCII: the cheapest copy
    }
  }

  private literal<T>(word: string, v: T): T {
    if (this.b.toString("latin1", this.i, this.i + word.length) !== word) throw new JsonSyntaxError(this.i);
    this.i += word.length;
    return v;
  }

  private number(): number {
    const start = this.i;
    while (this.i < this.b.length && NUMBER_BYTE.test(String.fromCharCode(this.b[this.i]!))) this.i++;
    const text = this.b.toString("latin1", start, this.i);
    if (!NUMBER_RE.test(text)) throw new JsonSyntaxError(start);
    return Number(text);
  }
}
