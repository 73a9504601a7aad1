import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_KINDS as SCHEMA_KINDS } from "@/db/schema";
import { API_ROUTES } from "@/lib/api/spec";
import { resolveRoute } from "@/lib/gateway/routes";
import { RESULT_SCHEMAS } from "@/lib/gateway/schemas";
import { MAX_IMAGES, MAX_IMAGE_BYTES } from "@/lib/gateway/body";
import { MAX_SIDE, MIN_SIDE } from "@/lib/engine/decode";
import { LIMITS } from "@/lib/playground/validate";
import { PLAYGROUND_APIS } from "@/lib/playground/apis";
import { APIS, API_KINDS, API_LABELS, API_LIST, apiPath, IMAGE_LIMITS } from "./apis";

describe("the API catalogue", () => {
  it("names the three APIs with the console's and the manual's Chinese names", () => {
    expect(API_LIST.map((a) => [a.kind, a.label, a.title])).toEqual([
      ["general", "通用型OCR", "通用型 OCR"],
      ["idcard", "身份证识别", "身份证识别"],
      ["plate", "车牌识别", "车牌识别"],
    ]);
  });

  it("is what the database columns, the gateway, the docs and the playground read", () => {
    expect(SCHEMA_KINDS).toBe(API_KINDS);
    expect(PLAYGROUND_APIS).toBe(API_KINDS);
    for (const a of API_LIST) {
      expect(resolveRoute(apiPath(a.kind, "abc123"))).toMatchObject({ api: a.kind, serviceCode: "abc123" });
      expect(RESULT_SCHEMAS[a.resultSchema]).toBeDefined();
      expect(API_ROUTES.find((r) => r.api === a.kind)).toMatchObject({ title: a.title, path: apiPath(a.kind, "{serviceCode}") });
    }
    expect(apiPath("plate", "x")).toBe("/v1/aiop/api/x/driven-plate-ocr/plateLicense.json");
    expect(resolveRoute("/v1/aiop/api/x/driven-plate-ocr/platelicense.json")?.signPaths).toContain("/v1/aiop/api/x/driven-plate-ocr/plateLicense.json");
    expect([MAX_IMAGES, MAX_IMAGE_BYTES, MIN_SIDE, MAX_SIDE]).toEqual([IMAGE_LIMITS.maxImages, IMAGE_LIMITS.maxImageBytes, IMAGE_LIMITS.minSide, IMAGE_LIMITS.maxSide]);
    expect(LIMITS.maxBytes).toBe(IMAGE_LIMITS.maxImageBytes);
    expect(API_LABELS.general).toBe(APIS.general.label);
  });

  it("prices every tier it sells", () => {
    for (const a of API_LIST) for (const t of a.tiers) expect(Number.isInteger(a.defaultPricesFen[t]) && a.defaultPricesFen[t] > 0).toBe(true);
  });

  it("imports nothing, so the client bundle and drizzle-kit can load it", () => {
    const src = fs.readFileSync(path.join(__dirname, "apis.ts"), "utf8");
    expect(src).not.toMatch(/^\s*import\s/m);
  });
});
