/**
 * Code samples (curl, Python, Node.js; Python and Node.js with the EOP signature) for one signed call, browser-safe: the server
 * signs (lib/playground/sign-sample.ts) and the page renders the text, with the
 * AppSecret masked unless its owner revealed it. The body shown is exactly the body
 * the Sign covers, so each sample works as printed (once, within 5 minutes).
 */
import type { ApiKindColumn } from "@/db/schema";
import { eopNode, eopPython } from "@/lib/docs/samples";

/** A real 32×32 white PNG: the shortest image the API accepts, as the sample's placeholder. */
export const PLACEHOLDER_IMAGE_B64 =
  "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAMAAABEpIrGAAAAA1BMVEX///+nxBvIAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQ4y2NgGAWjYBSMAuwAAAQgAAFWu83mAAAAAElFTkSuQmCC";

/** The sample body, spelled as Python's json.dumps writes it (the manual's samples sign that). */
export function sampleBody(imageB64: string = PLACEHOLDER_IMAGE_B64): string {
  return `{"data": [${JSON.stringify(imageB64)}]}`;
}

export const SECRET_MASK = "********";

/** What the server computed for one sample call. */
export interface SignedSample {
  api: ApiKindColumn;
  url: string;
  path: string;
  appKey: string;
  timestamp: string;
  sign: string;
  body: string;
  /** the account's first active AccessKey's AK, for the EOP samples (null when it has none) */
  ak: string | null;
}

export type SampleLang = "curl" | "python" | "node" | "python-eop" | "node-eop";
export const SAMPLE_LANGS: { id: SampleLang; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "node", label: "Node.js" },
  { id: "python-eop", label: "Python（EOP）" },
  { id: "node-eop", label: "Node.js（EOP）" },
];

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The three samples; `secret` is the revealed AppSecret or null (masked). */
export function renderSamples(s: SignedSample, secret: string | null): Record<SampleLang, string> {
  const shownSecret = secret ?? SECRET_MASK;
  const secretNote = secret ? "" : "  # 在控制台验证登录密码后可查看";
  const secretNoteJs = secret ? "" : " // 在控制台验证登录密码后可查看";
  const curl = [
    `# Timestamp 与 Sign 由控制台刚刚计算：5 分钟内有效，且只能使用一次`,
    `# Sign = MD5(AppKey + AppSecret + Timestamp + Path + Body)`,
    `curl -X POST ${sq(s.url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H ${sq(`AppKey: ${s.appKey}`)} \\`,
    `  -H ${sq(`Timestamp: ${s.timestamp}`)} \\`,
    `  -H ${sq(`Sign: ${s.sign}`)} \\`,
    `  --data ${sq(s.body)}`,
  ].join("\n");

  const python = [
    `# -*- coding: utf-8 -*-`,
    `import base64, hashlib, json, time`,
    `import requests`,
    ``,
    `url = ${JSON.stringify(s.url)}`,
    `path = ${JSON.stringify(s.path)}`,
    `app_key = ${JSON.stringify(s.appKey)}`,
    `app_secret = ${JSON.stringify(shownSecret)}${secretNote}`,
    ``,
    `# 示例图片（32×32 白图）；换成您的图片：`,
    `# body = json.dumps({"data": [base64.b64encode(open("a.jpg", "rb").read()).decode()]})`,
    `body = ${sq(s.body)}`,
    ``,
    `# 控制台刚刚计算的 Timestamp 与 Sign：5 分钟内有效，且只能使用一次`,
    `timestamp = ${JSON.stringify(s.timestamp)}`,
    `sign = ${JSON.stringify(s.sign)}`,
    `# 自行计算：`,
    `# timestamp = str(int(time.time() * 1000))`,
    `# sign = hashlib.md5((app_key + app_secret + timestamp + path + body).encode("utf-8")).hexdigest()`,
    ``,
    `headers = {"Content-Type": "application/json", "AppKey": app_key, "Timestamp": timestamp, "Sign": sign}`,
    `response = requests.post(url, data=body.encode("utf-8"), headers=headers)`,
    `print(response.status_code, response.headers.get("X-Request-Id"), response.headers.get("X-Quota-Remaining"))`,
    `print(response.json())`,
  ].join("\n");

  const node = [
    `// Node.js 18+，保存为 sample.mjs 后运行 node sample.mjs`,
    `import crypto from "node:crypto";`,
    `import fs from "node:fs";`,
    ``,
    `const url = ${JSON.stringify(s.url)};`,
    `const path = ${JSON.stringify(s.path)};`,
    `const appKey = ${JSON.stringify(s.appKey)};`,
    `const appSecret = ${JSON.stringify(shownSecret)};${secretNoteJs}`,
    ``,
    `// 示例图片（32×32 白图）；换成您的图片：`,
    `// const body = JSON.stringify({ data: [fs.readFileSync("a.jpg").toString("base64")] });`,
    `const body = ${JSON.stringify(s.body)};`,
    ``,
    `// 控制台刚刚计算的 Timestamp 与 Sign：5 分钟内有效，且只能使用一次`,
    `let timestamp = ${JSON.stringify(s.timestamp)};`,
    `let sign = ${JSON.stringify(s.sign)};`,
    `// 自行计算：`,
    `// timestamp = String(Date.now());`,
    `// sign = crypto.createHash("md5").update(appKey + appSecret + timestamp + path + body, "utf8").digest("hex");`,
    ``,
    `const res = await fetch(url, {`,
    `  method: "POST",`,
    `  headers: { "Content-Type": "application/json", AppKey: appKey, Timestamp: timestamp, Sign: sign },`,
    `  body,`,
    `});`,
    `console.log(res.status, res.headers.get("x-request-id"), res.headers.get("x-quota-remaining"));`,
    `console.log(JSON.stringify(await res.json(), null, 2));`,
  ].join("\n");
  // EOP: the sample signs itself with the account's AccessKey (the SK is never stored in clear for us to fill in)
  const fill = { appKey: s.appKey, ak: s.ak ?? undefined, body: s.body };
  return { curl, python, node, "python-eop": eopPython(s.api, s.url, fill), "node-eop": eopNode(s.api, s.url, fill) };
}
