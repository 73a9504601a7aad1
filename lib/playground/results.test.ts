import { describe, expect, it } from "vitest";
import { displayJson, parseGatewayBody, polygonPoints } from "./results";

describe("reading the gateway's answer", () => {
  it("gives one outcome per sent image, in order, with per-image errors", () => {
    const body = {
      code: 0,
      message: { success: 1, fail: 1 },
      result: [{ text_line: 1, detail: [] }, { err_code: 4011, err_msg: "图片尺寸不符合要求, 分辨率长宽尺寸应不高于 5000 不低于 32" }],
    };
    const p = parseGatewayBody(body, 2);
    expect(p.kind).toBe("batch");
    if (p.kind !== "batch") return;
    expect(p.images[0]).toEqual({ ok: true, result: { text_line: 1, detail: [] } });
    expect(p.images[1]).toEqual({ ok: false, code: 4011, message: "图片尺寸不符合要求, 分辨率长宽尺寸应不高于 5000 不低于 32" });
    expect([p.success, p.fail]).toEqual([1, 1]);
  });

  it("turns a failed request into its code and details", () => {
    expect(parseGatewayBody({ code: 4019, message: "error", details: "调用次数已用完或资源包已过期" }, 3)).toEqual({
      kind: "error",
      code: 4019,
      message: "调用次数已用完或资源包已过期",
    });
    expect(parseGatewayBody("nope", 1)).toMatchObject({ kind: "error", code: 5000 });
  });

  it("shortens long strings for display and keeps number arrays on one line", () => {
    const face = "A".repeat(500);
    const text = displayJson({ idcard_face: face, box: [1.5, 2, 3, 4], pts: [[1, 2], [3, 4]] });
    expect(text).toContain("（共 500 个字符）");
    expect(text).not.toContain(face);
    expect(text).toContain('"box": [1.5, 2, 3, 4]');
    expect(text).toContain('"pts": [[1, 2], [3, 4]]');
  });

  it("draws both box shapes as polygons", () => {
    expect(polygonPoints([1, 2, 3, 4, 5, 6, 7, 8])).toBe("1,2 3,4 5,6 7,8");
    expect(polygonPoints([[1, 2], [3, 4], [5, 6], [7, 8]])).toBe("1,2 3,4 5,6 7,8");
  });
});
