/**
 * The manual's (用户操作手册 4.1–4.3) Python and curl samples, run literally against
 * the running server with only the placeholders filled in.
 *
 * The samples are read from the manual's text itself. Its PDF-to-text extraction left
 * three artefacts that are not part of the code and are undone here: the ``` fences
 * around page breaks, the docstring quotes ''' rendered as "...", and the plate
 * sample's Sign path wrapped after "p" onto the next line.
 *
 * The manual is not copied into the project: when it is not beside the clone
 * (../shared/seed) these tests skip and say why. The images they send are the
 * repository's own fixtures (tests/fixtures/corpus).
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { pythonWithRequests, seed } from "./helpers";
import { fixtureCorpusRoot as corpus } from "../tests/fixtures/corpus";

const repoRoot = path.resolve(import.meta.dirname, "..");
const manualPath = path.resolve(repoRoot, "../shared/seed/000_bed79ac9dece0571.txt");
const haveManual = fs.existsSync(manualPath);
const manual = haveManual ? fs.readFileSync(manualPath, "utf8") : "";
const whyNot = `the user manual is not beside the clone (${manualPath}): its samples cannot be run`;
if (!haveManual) console.warn(`api-samples: skipped, ${whyNot}`);
test.skip(!haveManual, whyNot);

type Api = "general" | "idcard" | "plate";
const SECTIONS: Record<Api, { start: string; end: string; urlPlaceholder: string; image: string }> = {
  general: { start: "4.1 通用型 OCR 接口说明\n", end: "4.2 身份证识别接口说明\n", urlPlaceholder: "通用 OCR 的 API URL", image: "general/g_pp_word_1.jpg" },
  idcard: { start: "4.2 身份证识别接口说明\n", end: "4.3 车牌识别接口说明\n", urlPlaceholder: "身份证识别的 API URL", image: "idcard/i_cocr_card.png" },
  plate: { start: "4.3 车牌识别接口说明\n", end: "5 常见问题", urlPlaceholder: "车牌识别的 API URL", image: "plate/p_ccpd_0.jpg" },
};

function section(api: Api): string {
  const s = SECTIONS[api];
  const from = manual.lastIndexOf(s.start);
  return manual.slice(from, manual.indexOf(s.end, from + 1));
}

function pythonSample(api: Api): string {
  const text = section(api);
  const code = text.slice(text.indexOf("Python:") + "Python:".length, text.indexOf("返回说明"));
  return code
    .split("\n")
    .filter((l) => l.trim() !== "```")
    .map((l) => (l.trim() === "..." ? "'''" : l))
    .join("\n")
    .replace(/driven-plate-ocr\/p\nlatelicense\.json/, "driven-plate-ocr/platelicense.json");
}

function curlSample(api: Api): string {
  const text = section(api);
  return text.slice(text.indexOf("curl -X POST"), text.indexOf("\n", text.indexOf("curl -X POST")));
}

function runPython(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocr-sample-"));
  const file = path.join(dir, "sample.py");
  fs.writeFileSync(file, code);
  try {
    return execFileSync(pythonWithRequests(), [file], { encoding: "utf8", timeout: 60_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const s = seed();

function fillPython(api: Api, url: string): string {
  const code = pythonSample(api);
  for (const p of [`"${SECTIONS[api].urlPlaceholder}"`, "'[本地文件]'", "'平台分配的 APP Key'", "'平台分配的 APP Secret '", "[系统生成的服务码]"]) {
    expect(code, `the manual's ${api} sample has the placeholder ${p}`).toContain(p);
  }
  return code
    .replace(`"${SECTIONS[api].urlPlaceholder}"`, JSON.stringify(url))
    .replace("'[本地文件]'", JSON.stringify(path.join(corpus, SECTIONS[api].image)))
    .replace("'平台分配的 APP Key'", `'${s.app.appKey}'`)
    .replace("'平台分配的 APP Secret '", `'${s.app.appSecret}'`)
    .replace("[系统生成的服务码]", s.app.serviceCodes[api]);
}

function expectPythonSuccess(out: string) {
  // the sample prints response.json() only for a successful HTTP status
  expect(out).toMatch(/'code': 0/);
  expect(out).toMatch(/'message': \{'success': 1, 'fail': 0\}/);
}

test.describe("the manual's Python samples", () => {
  test("4.1 通用型 OCR", ({ baseURL }) => {
    const out = runPython(fillPython("general", `${baseURL}/v1/aiop/api/${s.app.serviceCodes.general}/ocrdetect/ocr/v1/image.json`));
    expectPythonSuccess(out);
    expect(out).toContain("韩国");
  });

  test("4.2 身份证识别", ({ baseURL }) => {
    const out = runPython(fillPython("idcard", `${baseURL}/v1/aiop/api/${s.app.serviceCodes.idcard}/IdentityCard/ocr/v1/idcard.json`));
    expectPythonSuccess(out);
    expect(out).toContain("370782198709170246");
  });

  for (const last of ["plateLicense.json", "platelicense.json"]) {
    test(`4.3 车牌识别, request URL ending in ${last}`, ({ baseURL }) => {
      const out = runPython(fillPython("plate", `${baseURL}/v1/aiop/api/${s.app.serviceCodes.plate}/driven-plate-ocr/${last}`));
      expectPythonSuccess(out);
      expect(out).toContain("皖A195K9");
    });
  }
});

test.describe("the manual's curl samples, with a real Sign", () => {
  const images: Record<Api, string> = { general: "general/g_pp_word_1.jpg", idcard: "idcard/i_cocr_idcard_demo.jpeg", plate: "plate/p_ccpd_0.jpg" }; // curl takes the body as one argument (≤ 128 KB)
  for (const api of ["general", "idcard", "plate"] as const) {
    test(api, ({ baseURL }) => {
      const sample = curlSample(api);
      const host = "https://ai.ctyun.cn";
      expect(sample).toContain(host + "/v1/aiop/api/[系统生成的服务码]/");
      // The manual's image string is cut short ("..."): put a whole image in, URL-safe like the sample's.
      const sampleImage = /"(9j_4[^"]*)"/.exec(sample)![1]!;
      const image = fs.readFileSync(path.join(corpus, images[api])).toString("base64url");
      const withImage = sample.replace(sampleImage, image);
      const urlPath = /"https:\/\/ai\.ctyun\.cn([^"]+)"/.exec(withImage)![1]!.replace("[系统生成的服务码]", s.app.serviceCodes[api]);
      const body = /--data '([^']*)'/.exec(withImage)![1]!;
      const timestamp = String(Date.now());
      const sign = crypto.createHash("md5").update(s.app.appKey + s.app.appSecret + timestamp + urlPath + body).digest("hex");
      const command = withImage
        .replace(host, baseURL!)
        .replace("[系统生成的服务码]", s.app.serviceCodes[api])
        .replace("Sign: XXXXX", `Sign: ${sign}`)
        .replace("Timestamp: XXXXX", `Timestamp: ${timestamp}`)
        .replace("AppKey: XXXXX", `AppKey: ${s.app.appKey}`);
      // as a script file: one command-line argument may not exceed 128 KB
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocr-curl-"));
      fs.writeFileSync(path.join(dir, "sample.sh"), command + " -s -i\n");
      let out: string;
      try {
        out = execFileSync("bash", [path.join(dir, "sample.sh")], { encoding: "utf8", timeout: 60_000 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      expect(out).toMatch(/^HTTP\/1\.1 200/);
      expect(out).toMatch(/x-request-id: req_/i);
      expect(out).toContain('"message":{"success":1,"fail":0}');
    });
  }
});
