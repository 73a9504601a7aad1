import { API_TITLES, type ApiKind } from "@/lib/catalogue/apis";

/**
 * Request samples for the 文档 pages and /openapi.json: curl, Python and Node computing
 * the manual's Sign = MD5(AppKey + AppSecret + Timestamp + Path + Body) over the exact
 * body they send, then Python and Node signing the EOP way (AK/SK, lib/gateway/eop.ts).
 */
export interface Sample {
  lang: "Bash" | "Python" | "Node.js";
  scheme: "md5" | "eop";
  /** heading, e.g. "Python（EOP 签名）" */
  title: string;
  code: string;
}

/** `path` is the request path with the service code placeholder, `origin` the site's origin. */
export function samplesFor(api: ApiKind, origin: string, path: string): Sample[] {
  const url = origin.replace(/\/+$/, "") + path;
  const curl = `# 计算签名：Sign = MD5(AppKey + AppSecret + Timestamp + Path + Body)
APP_KEY='平台分配的 AppKey'
APP_SECRET='平台分配的 AppSecret'
URL_PATH='${path}'
TS=$(date +%s%3N)
BODY="{\\"data\\": [\\"$(base64 -w0 ./image.jpg)\\"]}"
SIGN=$(printf '%s' "$APP_KEY$APP_SECRET$TS$URL_PATH$BODY" | md5sum | cut -d' ' -f1)

curl -X POST "${origin.replace(/\/+$/, "")}$URL_PATH" \\
  -H "Content-Type: application/json" \\
  -H "Sign: $SIGN" \\
  -H "Timestamp: $TS" \\
  -H "AppKey: $APP_KEY" \\
  --data "$BODY"`;

  const python = `# -*- coding: utf-8 -*-
# ${API_TITLES[api]}
import base64
import hashlib
import json
import time

import requests

def md5(s):
    return hashlib.md5(s.encode("utf-8")).hexdigest()

path = "${path}"
request_url = "${url}"
app_key = "平台分配的 AppKey"
app_secret = "平台分配的 AppSecret"

with open("image.jpg", "rb") as f:
    img = base64.b64encode(f.read()).decode()

body = json.dumps({"data": [img]})  # 签名与发送使用同一个字符串
time_stamp = str(int(round(time.time() * 1000)))
headers = {
    "Content-Type": "application/json",
    "Sign": md5(app_key + app_secret + time_stamp + path + body),
    "Timestamp": time_stamp,
    "AppKey": app_key,
}
response = requests.post(request_url, data=body, headers=headers)
print(response.json())`;

  const node = `// ${API_TITLES[api]}（Node.js 18+，无需第三方依赖）
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const path = "${path}";
const url = "${url}";
const appKey = "平台分配的 AppKey";
const appSecret = "平台分配的 AppSecret";

const body = JSON.stringify({ data: [readFileSync("image.jpg").toString("base64")] });
const timestamp = String(Date.now());
const sign = createHash("md5").update(appKey + appSecret + timestamp + path + body, "utf8").digest("hex");

const res = await fetch(url, {
  method: "POST",
  headers: { "Content-Type": "application/json", Sign: sign, Timestamp: timestamp, AppKey: appKey },
  body,
});
console.log(res.status, await res.json());`;

  return [
    { lang: "Bash", scheme: "md5", title: "Bash（MD5 Sign）", code: curl },
    { lang: "Python", scheme: "md5", title: "Python（MD5 Sign）", code: python },
    { lang: "Node.js", scheme: "md5", title: "Node.js（MD5 Sign）", code: node },
    { lang: "Python", scheme: "eop", title: "Python（EOP 签名）", code: eopPython(api, url) },
    { lang: "Node.js", scheme: "eop", title: "Node.js（EOP 签名）", code: eopNode(api, url) },
  ];
}

/** What an EOP sample may have filled in already (the playground knows the AppKey, AK and a ready body). */
export interface EopFill {
  appKey?: string;
  ak?: string;
  /** a JSON body to send as is, instead of reading image.jpg */
  body?: string;
}

const py = (s: string) => JSON.stringify(s);

export function eopPython(api: ApiKind, url: string, fill: EopFill = {}): string {
  return `# -*- coding: utf-8 -*-
# ${API_TITLES[api]}，EOP 签名（账户 AccessKey + 应用 AppKey）
import base64
import datetime
import hashlib
import hmac
import json
import uuid

import requests

request_url = "${url}"
app_key = ${py(fill.appKey ?? "平台分配的 AppKey")}
ak = ${py(fill.ak ?? "账户 AccessKey 的 AK")}
sk = "账户 AccessKey 的 SK"  # 创建 AccessKey 时保存的 SK（只显示一次）

def hmac_sha256(key, data):
    return hmac.new(key, data.encode("utf-8"), hashlib.sha256).digest()

${
  fill.body
    ? `# 示例图片（32×32 白图）；换成您的图片：
# body = json.dumps({"data": [base64.b64encode(open("a.jpg", "rb").read()).decode()]})
body = ${py(fill.body)}`
    : `with open("image.jpg", "rb") as f:
    body = json.dumps({"data": [base64.b64encode(f.read()).decode()]})  # 签名与发送使用同一个字符串`
}

request_id = str(uuid.uuid4())
eop_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")  # 本地时间（北京时间）亦可
string_to_sign = "appkey:%s\\nctyun-eop-request-id:%s\\neop-date:%s\\n\\n%s\\n%s" % (
    app_key, request_id, eop_date, "", hashlib.sha256(body.encode("utf-8")).hexdigest())
k_date = hmac_sha256(hmac_sha256(hmac_sha256(sk.encode("utf-8"), eop_date), ak), eop_date[:8])
signature = base64.b64encode(hmac_sha256(k_date, string_to_sign)).decode()

headers = {
    "Content-Type": "application/json",
    "appkey": app_key,
    "ctyun-eop-request-id": request_id,
    "eop-date": eop_date,
    "Eop-Authorization": "%s Headers=appkey;ctyun-eop-request-id;eop-date Signature=%s" % (ak, signature),
}
response = requests.post(request_url, data=body.encode("utf-8"), headers=headers)
print(response.json())`;
}

export function eopNode(api: ApiKind, url: string, fill: EopFill = {}): string {
  return `// ${API_TITLES[api]}，EOP 签名（Node.js 18+，无需第三方依赖）
import { createHash, createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

const url = "${url}";
const appKey = ${JSON.stringify(fill.appKey ?? "平台分配的 AppKey")};
const ak = ${JSON.stringify(fill.ak ?? "账户 AccessKey 的 AK")};
const sk = "账户 AccessKey 的 SK"; // 创建 AccessKey 时保存的 SK（只显示一次）

const hmac = (key, data) => createHmac("sha256", key).update(data, "utf8").digest();
${
  fill.body
    ? `// 示例图片（32×32 白图）；换成您的图片：const body = JSON.stringify({ data: [readFileSync("a.jpg").toString("base64")] });
const body = ${JSON.stringify(fill.body)};`
    : `const body = JSON.stringify({ data: [readFileSync("image.jpg").toString("base64")] });`
}
const requestId = randomUUID();
const eopDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\\.\\d{3}Z$/, "Z"); // yyyymmddTHHMMSSZ
const query = ""; // 有查询参数时：按参数名排序的 k=v 以 & 连接
const stringToSign =
  \`appkey:\${appKey}\\nctyun-eop-request-id:\${requestId}\\neop-date:\${eopDate}\\n\\n\${query}\\n\` +
  createHash("sha256").update(body, "utf8").digest("hex");
const kDate = hmac(hmac(hmac(sk, eopDate), ak), eopDate.slice(0, 8));
const signature = createHmac("sha256", kDate).update(stringToSign, "utf8").digest("base64");

const res = await fetch(url, {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    appkey: appKey,
    "ctyun-eop-request-id": requestId,
    "eop-date": eopDate,
    "Eop-Authorization": \`\${ak} Headers=appkey;ctyun-eop-request-id;eop-date Signature=\${signature}\`,
  },
  body,
});
console.log(res.status, JSON.stringify(await res.json(), null, 2));`;
}
