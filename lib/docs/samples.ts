import type { ApiKind } from "@/lib/engine/types";

/**
 * Request samples for the 文档 pages: curl, Python and Node, each computing
 * Sign = MD5(AppKey + AppSecret + Timestamp + Path + Body) over the exact body it sends.
 */
export interface Sample {
  lang: "Bash" | "Python" | "Node.js";
  code: string;
}

const LABEL: Record<ApiKind, string> = { general: "通用型 OCR", idcard: "身份证识别", plate: "车牌识别" };

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
# ${LABEL[api]}
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

  const node = `// ${LABEL[api]}（Node.js 18+，无需第三方依赖）
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
    { lang: "Bash", code: curl },
    { lang: "Python", code: python },
    { lang: "Node.js", code: node },
  ];
}
