import { describe, expect, it } from "vitest";
import { API_CODES } from "./codes";
import { MAX_BODY_BYTES } from "@/lib/gateway/body";
import { API_ROUTES, ERROR_CODES, REQUEST_FIELDS, buildOpenApiDocument } from "./spec";

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, { post: { responses: Record<string, { description: string }>; requestBody: unknown } }> };
  it("covers the manual's three paths with their request body", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/v1/aiop/api/")).sort()).toEqual(
      [
        "/v1/aiop/api/{serviceCode}/IdentityCard/ocr/v1/idcard.json",
        "/v1/aiop/api/{serviceCode}/driven-plate-ocr/plateLicense.json",
        "/v1/aiop/api/{serviceCode}/ocrdetect/ocr/v1/image.json",
      ].sort(),
    );
    expect(JSON.stringify(doc.paths[API_ROUTES[0]!.path]!.post.requestBody)).toContain('"maxItems":50');
  });
  it("describes the asynchronous batch API: submit (up to 1,000 images), status and cancel for each API", () => {
    const jobs = Object.keys(doc.paths).filter((p) => p.startsWith("/v1/aiop/jobs/"));
    expect(jobs).toHaveLength(9);
    expect(JSON.stringify(doc.paths["/v1/aiop/jobs/{serviceCode}/general"]!.post.requestBody)).toContain('"maxItems":1000');
    expect(JSON.stringify(doc.paths["/v1/aiop/jobs/{serviceCode}/plate/status"]!.post)).toContain("部分失败");
  });
  it("states sizes in MB, not in raw bytes", () => {
    const data = REQUEST_FIELDS.find((f) => f.name === "data")!.description;
    expect(data).toContain("单张不超过 10 MB");
    expect(data).toContain("请求体总大小上限约 668 MB");
    expect(data).not.toContain(String(MAX_BODY_BYTES));
  });
  it("lists every error code in some response of every path", () => {
    for (const p of Object.values(doc.paths)) {
      const text = Object.values(p.post.responses).map((r) => r.description).join(" ");
      for (const code of Object.keys(API_CODES)) expect(text).toContain(code);
    }
    expect(ERROR_CODES.map((e) => e.code)).toEqual(Object.keys(API_CODES).map(Number));
  });
  it("describes both signatures, with a Python and a Node sample for each", () => {
    const full = buildOpenApiDocument("https://ocr.test") as {
      components: { securitySchemes: Record<string, { name: string; description: string }> };
      paths: Record<string, { post: { security: unknown[]; "x-codeSamples": { lang: string; label: string; source: string }[] } }>;
    };
    expect(Object.values(full.components.securitySchemes).map((s) => s.name)).toEqual(["Sign", "Eop-Authorization"]);
    expect(full.components.securitySchemes.eopSignature!.description).toContain("UTC+8");
    for (const p of API_ROUTES.map((r) => full.paths[r.path]!)) {
      expect(p.post.security).toEqual([{ md5Sign: [] }, { eopSignature: [] }]);
      expect(p.post["x-codeSamples"].map((s) => s.label)).toEqual(["Python（MD5 Sign）", "Node.js（MD5 Sign）", "Python（EOP 签名）", "Node.js（EOP 签名）"]);
      expect(p.post["x-codeSamples"][2]!.source).toContain("Eop-Authorization");
      expect(p.post["x-codeSamples"][2]!.source).toContain("https://ocr.test/v1/aiop/api/");
    }
  });
});
