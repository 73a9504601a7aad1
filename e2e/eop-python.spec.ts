/**
 * A real EOP client (e2e/clients/eop_client.py: hashlib/hmac/base64 + requests,
 * json.dumps(params) as the body, eop-date from the local clock) against `next start`,
 * with the demo customer's AccessKey from the seed. Run with the clock in Beijing time
 * (the common case: the date is 8 hours ahead of UTC but ends in Z) and in UTC.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { samplesFor } from "../lib/docs/samples";
import { fixtureCorpusRoot as corpus } from "../tests/fixtures/corpus";
import { pythonWithRequests, seed } from "./helpers";

const client = path.join(import.meta.dirname, "clients", "eop_client.py");
const s = seed();

function run(baseURL: string, mode: string, tz = "Asia/Shanghai"): { status: number; body: { code: number; message: unknown; details?: string; result?: unknown[] } }[] {
  const url = `${baseURL}/v1/aiop/api/${s.app.serviceCodes.general}/ocrdetect/ocr/v1/image.json`;
  const out = execFileSync(pythonWithRequests(), [client, url, s.app.appKey, s.accessKey.ak, s.accessKey.sk, path.join(corpus, "general/g_pp_word_1.jpg"), mode], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, TZ: tz },
  });
  return out.trim().split("\n").map((l) => JSON.parse(l));
}

test.describe("an EOP-signed Python client", () => {
  test("reads text with a Beijing-time eop-date, and with a UTC one", ({ baseURL }) => {
    for (const tz of ["Asia/Shanghai", "UTC"]) {
      const [r] = run(baseURL!, "ok", tz);
      expect(r!.status, JSON.stringify(r)).toBe(200);
      expect(r!.body.code).toBe(0);
      expect(r!.body.message).toEqual({ success: 1, fail: 0 });
      expect(JSON.stringify(r!.body.result)).toContain("韩国");
    }
  });

  test("a tampered signature is refused with 4024", ({ baseURL }) => {
    const [r] = run(baseURL!, "tamper");
    expect({ status: r!.status, code: r!.body.code }).toEqual({ status: 401, code: 4024 });
  });

  test("a body changed after signing is refused with 4024", ({ baseURL }) => {
    const [r] = run(baseURL!, "body");
    expect({ status: r!.status, code: r!.body.code }).toEqual({ status: 401, code: 4024 });
  });

  test("a replayed ctyun-eop-request-id is refused with 4026", ({ baseURL }) => {
    const [first, second] = run(baseURL!, "replay");
    expect(first!.status).toBe(200);
    expect({ status: second!.status, code: second!.body.code }).toEqual({ status: 401, code: 4026 });
    expect(second!.body.details).toContain("ctyun-eop-request-id");
  });
});

test.describe("the 文档 EOP samples, placeholders filled in", () => {
  for (const lang of ["Python", "Node.js"] as const) {
    test(lang, ({ baseURL }) => {
      const urlPath = `/v1/aiop/api/${s.app.serviceCodes.plate}/driven-plate-ocr/plateLicense.json`;
      const sample = samplesFor("plate", baseURL!, urlPath).find((x) => x.scheme === "eop" && x.lang === lang)!;
      const code = sample.code
        .replace("平台分配的 AppKey", s.app.appKey)
        .replace("账户 AccessKey 的 AK", s.accessKey.ak)
        .replace("账户 AccessKey 的 SK", s.accessKey.sk)
        .replace('"image.jpg"', JSON.stringify(path.join(corpus, "plate/p_ccpd_0.jpg")));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eop-sample-"));
      const file = path.join(dir, lang === "Python" ? "sample.py" : "sample.mjs");
      fs.writeFileSync(file, code);
      let out: string;
      try {
        out = execFileSync(lang === "Python" ? pythonWithRequests() : process.execPath, [file], { encoding: "utf8", timeout: 120_000 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      expect(out).toContain("皖A195K9");
    });
  }
});
