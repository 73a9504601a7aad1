import { describe, expect, it } from "vitest";
import { PLAYGROUND_APIS, SAMPLE_IMAGES } from "./apis";
import { sampleImage } from "./sample-images";
import { checkImageBytes } from "./validate";

describe("sample images", () => {
  it("renders every listed sample as an image the API accepts, once", async () => {
    for (const api of PLAYGROUND_APIS) {
      expect(SAMPLE_IMAGES[api].length).toBeGreaterThan(0);
      for (const s of SAMPLE_IMAGES[api]) {
        const png = await sampleImage(api, s.id)!;
        expect(checkImageBytes(png)).toMatchObject({ ok: true, format: "png" });
        expect(await sampleImage(api, s.id)).toBe(png); // cached
      }
    }
  });

  it("knows nothing else", () => {
    expect(sampleImage("general", "scene")).toBeNull();
    expect(sampleImage("plate", "../../etc/passwd")).toBeNull();
  });
});
