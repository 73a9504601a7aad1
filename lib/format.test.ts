import { describe, expect, it } from "vitest";
import { bytes, bytesTick } from "./format";

describe("byte formatting", () => {
  it("reads as B, KB, MB, GB with at most one decimal", () => {
    expect(bytes(0)).toBe("0 B");
    expect(bytes(1023)).toBe("1023 B");
    expect(bytes(1536)).toBe("1.5 KB");
    expect(bytes(35 * 1024 + 100)).toBe("35.1 KB");
    expect(bytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(bytes(700099376)).toBe("668 MB");
    expect(bytes(1.5 * 1024 ** 3)).toBe("1.5 GB");
  });

  it("axis labels have no space to wrap at and stay short", () => {
    for (const n of [0, 900, 2048, 51_200, 307_200, 1_048_576, 5_242_880, 734_003_200, 3 * 1024 ** 3]) {
      const label = bytesTick(n);
      expect(label).not.toMatch(/\s/);
      expect(label.length).toBeLessThanOrEqual(6);
    }
    expect(bytesTick(51_200)).toBe("50KB");
  });
});
