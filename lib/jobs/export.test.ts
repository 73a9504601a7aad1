import { describe, expect, it } from "vitest";
import { csvCell, resultsCsv } from "./export";

describe("job results as CSV", () => {
  it("one row per image with its state, code and text; formulas neutralised; quotes escaped", () => {
    const csv = resultsCsv("general", [
      { text_line: 2, detail: [{ text: "=HYPERLINK(\"x\")" }, { text: "第二行" }] },
      { err_code: 4008, err_msg: "base64 数据处理异常" },
      null,
    ]);
    const lines = csv.replace(/^\ufeff/, "").split("\r\n");
    expect(lines[0]).toBe("序号,状态,错误码,错误信息,识别内容");
    expect(lines[1]).toBe(`1,成功,,,"'=HYPERLINK(""x"")\n第二行"`.split("\r\n")[0]);
    expect(csv).toContain("2,失败,4008,base64 数据处理异常,");
    expect(csv).toContain("3,未完成,,,");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell(42)).toBe("42");
  });
  it("plates and ID cards", () => {
    expect(resultsCsv("plate", [{ detail: [{ plate_license: "京A12345" }] }])).toContain("京A12345");
    expect(resultsCsv("idcard", [{ detail: { name: "张三", idn: "110" } }])).toContain("张三");
  });
});
