import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { API_KINDS } from "@/lib/catalogue/apis";
import { VISUALS, apiCards } from "./visuals";

describe("product pictures (npm run visuals)", () => {
  it("has, for every API, a committed image of the recorded size with every box inside it", async () => {
    for (const api of API_KINDS) {
      const v = VISUALS[api];
      const file = path.join(process.cwd(), "public", v.image);
      expect(fs.existsSync(file), file).toBe(true);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([v.width, v.height]);
      expect(v.readings.length, api).toBeGreaterThan(0);
      for (const q of v.boxes) for (const [x, y] of q) expect(x >= -2 && y >= -2 && x <= v.width + 2 && y <= v.height + 2, `${api} ${x},${y}`).toBe(true);
    }
    expect(VISUALS.general.boxes.length).toBe(VISUALS.general.readings.length);
    expect(VISUALS.plate.boxes.length).toBeGreaterThan(0);
  });

  it("lists each API's result fields from the gateway's response schema", () => {
    const byApi = Object.fromEntries(apiCards().map((c) => [c.api, c.fields.map((f) => f.name)]));
    expect(byApi.general).toContain("result[].detail[].text");
    expect(byApi.general).toContain("result[].detail[].box");
    expect(byApi.idcard).toContain("result[].detail.idn");
    expect(byApi.plate).toContain("result[].detail[].plate_license");
  });
});
