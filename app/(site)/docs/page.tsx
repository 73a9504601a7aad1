import type { Metadata } from "next";
import Link from "next/link";
import { CodeBlock } from "@/components/code-block";
import { ErrorCodeTable, FieldTable } from "@/components/doc-tables";
import { API_ROUTES, EOP_REQUEST_HEADERS, EOP_SIGNING_STEPS, ERROR_CODES, REQUEST_HEADERS, RESPONSE_HEADERS } from "@/lib/api/spec";
import { ERROR_EXAMPLE, PER_IMAGE_ERROR_EXAMPLE } from "@/lib/docs/examples";

export const metadata: Metadata = { title: "API 文档" };

const H2 = "mt-10 scroll-mt-20 text-xl font-semibold text-slate-900";
const P = "mt-3 text-sm leading-7 text-slate-600";

export default function DocsHome() {
  return (
    <article>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">API 文档</h1>
      <p className={P}>
        OCR 开放接口与《用户操作手册》第 4 章兼容：HTTP POST、JSON 请求体、MD5 签名鉴权（也接受天翼云 EOP 签名）。三个接口共用同一套请求头、签名方式与错误码。
      </p>

      <h2 id="start" className={H2}>
        接入流程
      </h2>
      <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm leading-7 text-slate-600">
        <li>
          登录后在控制台 <Link href="/console/apps?new=1" className="text-brand-600 hover:underline">我的应用</Link> 中点击“新的应用”，填写应用名称与概述。
        </li>
        <li>在应用的“我的能力”中领取免费额度，或购买资源包。</li>
        <li>在应用页面获取 AppKey、AppSecret（需验证登录密码）和各接口的服务码与完整请求 URL。</li>
        <li>按下文计算 Sign，调用接口。</li>
      </ol>

      <h2 id="apis" className={H2}>
        接口列表
      </h2>
      <ul className="mt-3 space-y-2 text-sm">
        {API_ROUTES.map((r) => (
          <li key={r.api} className="rounded-md border border-slate-200 bg-white p-3">
            <Link href={`/docs/${r.api}`} className="font-medium text-brand-600 hover:underline">
              {r.title}
            </Link>
            <code className="mt-1 block break-all font-mono text-xs text-slate-500">POST {r.path}</code>
          </li>
        ))}
      </ul>

      <h2 id="sign" className={H2}>
        请求头与签名
      </h2>
      <p className={P}>
        Sign = MD5(AppKey + AppSecret + Timestamp + Path + Http Body)，32 位小写。Path 为请求路径（如 <code className="font-mono text-xs">/v1/aiop/api/服务码/ocrdetect/ocr/v1/image.json</code>
        ），不含域名与查询串；Http Body 为原样发送的请求体字符串。
      </p>
      <div className="mt-4">
        <FieldTable rows={REQUEST_HEADERS} caption="请求头" />
      </div>
      <h3 id="eop" className="mt-6 scroll-mt-20 font-medium text-slate-900">
        EOP 签名（天翼云 AccessKey）
      </h3>
      <p className={P}>
        已在天翼云调用 AI 接口的脚本无需改写签名：带 Eop-Authorization 请求头的请求按 EOP 签名校验，只需把域名换成本站。AK/SK 是账户级的 AccessKey（控制台“账户 →
        AccessKey”创建，SK 仅在创建时显示一次），AppKey 仍是应用的。
      </p>
      <div className="mt-4">
        <FieldTable rows={EOP_REQUEST_HEADERS} caption="EOP 请求头" />
      </div>
      <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm leading-7 text-slate-600">
        {EOP_SIGNING_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h3 className="mt-6 font-medium text-slate-900">响应头</h3>
      <div className="mt-3">
        <FieldTable rows={RESPONSE_HEADERS} caption="响应头" />
      </div>

      <h2 id="errors" className={H2}>
        错误码
      </h2>
      <p className={P}>
        整次请求失败时返回对应的 HTTP 状态与下面的结构；单张图片失败时 HTTP 为 200，该图片在 result[] 中以 err_code / err_msg 表示，其他图片照常返回。4001–4013 与 5000 为手册中的错误码，其余为本产品补充。
      </p>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <CodeBlock title="整次请求失败" code={JSON.stringify(ERROR_EXAMPLE, null, 2)} />
        <CodeBlock title="单张图片失败" code={JSON.stringify(PER_IMAGE_ERROR_EXAMPLE, null, 2)} />
      </div>
      <div className="mt-4">
        <ErrorCodeTable codes={ERROR_CODES} />
      </div>
    </article>
  );
}
