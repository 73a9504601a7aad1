import { constants } from "node:buffer";
import { describe, expect, it } from "vitest";
import { LARGE_JSON_BYTES, parseJsonBody } from "./json";
import { parseImageList } from "./validate";

const byteParse = (s: string | Buffer) => parseJsonBody(typeof s === "string" ? Buffer.from(s) : s, 0);
const native = (s: string) => JSON.parse(s) as unknown;
const verdict = (f: () => unknown) => {
  try {
    return { ok: f() };
  } catch {
    return "refused";
  }
};

describe("parsing a body without one giant string", () => {
  it("a body of 50 images of 10 MB is longer than V8's longest string, so it must not take the JSON.parse path", () => {
    const fullBody = 50 * Math.ceil((10 * 1024 * 1024) / 3) * 4;
    expect(fullBody).toBeGreaterThan(constants.MAX_STRING_LENGTH);
    expect(LARGE_JSON_BYTES).toBeLessThan(constants.MAX_STRING_LENGTH);
  });

  it("accepts and refuses the same documents as JSON.parse", () => {
    const docs = [
      '{"data": ["aGVsbG8=", "d29ybGQ="]}',
      ' {"data" : [ {"data": ["YQ==", "Yg=="]} ] } \n',
      '{"data": ["with \\"escaped\\" quote \\\\", "\\u00e9t\\u00e9", "中文"]}',
      '{"a": [1, -2.5, 3e10, 0, true, false, null, {}, []], "b": {"c": "d"}}',
      '{"__proto__": {"polluted": 1}, "data": []}',
      '"just a string"',
      "[]",
      "12",
      "",
      "{",
      '{"data": [}',
      '{"data": ["unterminated}',
      '{"data": []} trailing',
      '{"data": [01]}',
      '{"data": [1.]}',
      '{"data": [tru]}',
      "{'data': []}",
      '{"a" 1}',
      '{"a": 1,}',
      "[1 2]",
      "\uFEFF{}",
    ];
    for (const d of docs) expect(verdict(() => byteParse(d)), d).toEqual(verdict(() => native(d)));
    expect(Object.getPrototypeOf(byteParse('{"__proto__": {"x": 1}}'))).toBe(Object.prototype);
  });

  it("refuses nesting deeper than 64 levels instead of overflowing the stack", () => {
    expect(() => byteParse("[".repeat(100_000) + "]".repeat(100_000))).toThrow();
  });

  it("the gateway's validation gives the manual's codes on either path", () => {
    const cases: [string, number | "ok"][] = [
      ["not json", 4001],
      ["[1]", 4002],
      ['{"x": 1}', 4003],
      ['{"data": "x"}', 4004],
      ['{"data": []}', 4005],
      [JSON.stringify({ data: Array(51).fill("YQ==") }), 4006],
      [JSON.stringify({ data: [{ data: ["YQ==", "Yg=="] }] }), "ok"],
    ];
    for (const [body, want] of cases) {
      for (const largeFrom of [0, undefined]) {
        const got = verdict(() => parseImageList(Buffer.from(body), { largeFrom }));
        if (want === "ok") expect(got).toEqual({ ok: ["YQ==", "Yg=="] });
        else expect(() => parseImageList(Buffer.from(body), { largeFrom })).toThrow(expect.objectContaining({ code: want }));
      }
    }
  });

  it("a body longer than V8's longest string parses (50 entries of 11 MB: JSON.parse would answer 4001)", () => {
    const entry = 11 * 1024 * 1024;
    const total = 9 + 50 * (entry + 3) - 1 + 2;
    const body = Buffer.allocUnsafe(total);
    let at = body.write('{"data":[');
    for (let k = 0; k < 50; k++) {
      at += body.write(k === 0 ? '"' : ',"', at);
      at += body.fill(0x41, at, at + entry).subarray(at, at + entry).length;
      at += body.write('"', at);
    }
    at += body.write("]}", at);
    expect(at).toBe(total);
    expect(total).toBeGreaterThan(constants.MAX_STRING_LENGTH);
    const list = parseImageList(body) as string[];
    expect(list.length).toBe(50);
    expect(list.every((s) => s.length === entry && s[0] === "A")).toBe(true);
  });

  it("slices a multi-megabyte image string straight from the bytes", () => {
    const image = Buffer.alloc(3 * 1024 * 1024, 7).toString("base64");
    const list = parseImageList(Buffer.from(JSON.stringify({ data: [image, image] })), { largeFrom: 0 });
    expect(list).toEqual([image, image]);
  });
});
