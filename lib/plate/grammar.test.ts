import { describe, expect, it } from "vitest";
import { decodePlate, isPlateText } from "./grammar";
import type { CharChoices } from "../engine/ctc";

const sure = (s: string, p = 0.98): CharChoices[] => [...s].map((char) => [{ char, p }]);

describe("plate grammar", () => {
  it("accepts the plate formats and rejects others", () => {
    for (const ok of ["京A12345", "沪AF71017", "京AD15989", "粤B12345D", "鄂F8888警", "粤ZR066港", "皖A1234学"]) expect(isPlateText(ok)).toBe(true);
    for (const bad of ["京I12345", "京A1234", "2016-05-12", "AB12345", "京AO1234"]) expect(isPlateText(bad)).toBe(false);
  });
  it("drops the separator dot and reads the plate", () => {
    expect(decodePlate(sure("川A·35D98"))?.text).toBe("川A35D98");
  });
  it("corrects look-alikes by position (O→0, I→1, 0→D in the city letter)", () => {
    expect(decodePlate(sure("京0O1I34"))?.text).toBe("京D01134");
  });
  it("reads new-energy plates as 8 characters", () => {
    expect(decodePlate(sure("沪AF71017"))?.text).toBe("沪AF71017");
    expect(decodePlate(sure("粤B12345D"))?.text).toBe("粤B12345D");
  });
  it("picks a province from the alternatives when the top reading is not one", () => {
    const c = sure("A195K9");
    c.unshift([{ char: "院", p: 0.5 }, { char: "皖", p: 0.3 }]);
    expect(decodePlate(c)?.text).toBe("皖A195K9");
  });
  it("keeps all 8 characters of a new-energy plate, the city letter included (苏E·D51712)", () => {
    expect(decodePlate(sure("苏E·D51712"))?.text).toBe("苏ED51712");
    expect(decodePlate(sure("苏E·D51712"))?.template).toBe("new energy small");
    expect(decodePlate(sure("苏E·12345D"))?.template).toBe("new energy large");
  });
  it("reads armed-police WJ plates, new and old style, and emergency and embassy plates", () => {
    expect(decodePlate(sure("WJ京·1234X"))?.text).toBe("WJ京1234X");
    expect(decodePlate(sure("WJ 16 93015"))?.text).toBe("WJ1693015");
    expect(decodePlate(sure("WJ16·93O15"))?.text).toBe("WJ1693015");
    expect(decodePlate(sure("粤A·1234应急"))?.text).toBe("粤A1234应急");
    expect(decodePlate(sure("使·014578"))?.text).toBe("使014578");
    for (const ok of ["WJ京1234X", "WJ1693015", "粤A1234应急", "使014578"]) expect(isPlateText(ok)).toBe(true);
    for (const bad of ["WJ123", "使12345", "WA1693015"]) expect(isPlateText(bad)).toBe(false);
  });
  it("returns null for text without a plate", () => {
    expect(decodePlate(sure("2016-05-12 12:30"))).toBeNull();
    expect(decodePlate(sure("汽车销售服务有限公司"))).toBeNull();
  });
});
