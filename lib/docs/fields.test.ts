import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flattenSchema } from "./fields";

describe("flattenSchema", () => {
  it("names nested fields the manual's way and keeps descriptions", () => {
    const s = z.object({
      code: z.number().int().describe("状态码"),
      result: z
        .array(
          z.union([
            z.object({ text_line: z.number().int().describe("行数"), detail: z.array(z.object({ text: z.string().describe("文字"), box: z.array(z.number()).describe("坐标") })) }),
            z.object({ err_code: z.number().int().describe("错误码") }),
          ]),
        )
        .describe("结果"),
    });
    const rows = flattenSchema(z.toJSONSchema(s));
    expect(rows.map((r) => [r.name, r.type, r.required])).toEqual([
      ["code", "int", true],
      ["result", "json array", true],
      ["result[].text_line", "int", true],
      ["result[].detail", "json array", true],
      ["result[].detail[].text", "string", true],
      ["result[].detail[].box", "array", true],
      ["result[].err_code", "int", false],
    ]);
    expect(rows.find((r) => r.name === "result[].detail[].text")!.description).toBe("文字");
  });
});
