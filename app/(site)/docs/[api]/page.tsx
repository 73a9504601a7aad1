import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { CodeBlock } from "@/components/code-block";
import { ErrorCodeTable, FieldTable } from "@/components/doc-tables";
import { ButtonLink } from "@/components/ui";
import { API_ROUTES, EOP_REQUEST_HEADERS, EOP_SIGNING_STEPS, ERROR_CODES, REQUEST_FIELDS, REQUEST_HEADERS } from "@/lib/api/spec";
import { MANUAL_FIELD_NOTES, flattenSchema } from "@/lib/docs/fields";
import { RESPONSE_EXAMPLES } from "@/lib/docs/examples";
import { samplesFor } from "@/lib/docs/samples";
import { RESULT_SCHEMAS, errorResponse, successResponse } from "@/lib/gateway/schemas";

export async function generateMetadata({ params }: { params: Promise<{ api: string }> }): Promise<Metadata> {
  const { api } = await params;
  const r = API_ROUTES.find((x) => x.api === api);
  return { title: r ? `${r.title}接口说明` : "API 文档" };
}

const H2 = "mt-10 scroll-mt-20 text-xl font-semibold text-slate-900";
const P = "mt-3 text-sm leading-7 text-slate-600";
const REQUIREMENTS = ["图片单张大小不超过 10MB，批量请求单次不超过 50 张", "图片像素尺寸大于 32x32，小于 5000x5000", "图片格式支持 png、jpg、jpeg、bmp 格式"];

export default async function ApiDoc({ params }: { params: Promise<{ api: string }> }) {
  const { api } = await params;
  const route = API_ROUTES.find((x) => x.api === api);
  if (!route) notFound();
  const origin = await publicOrigin();
  const success = flattenSchema(z.toJSONSchema(successResponse(RESULT_SCHEMAS[route.api]), { unrepresentable: "any" }), "", MANUAL_FIELD_NOTES);
  const failure = flattenSchema(z.toJSONSchema(errorResponse, { unrepresentable: "any" }));
  const samplePath = route.path.replace("{serviceCode}", "[系统生成的服务码]");

  return (
    <article>
      <p className="text-sm text-slate-500">API 文档</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">{route.title}接口说明</h1>

      <h2 id="desc" className={H2}>
        接口描述
      </h2>
      <p className={P}>{route.description}</p>

      <h2 id="req" className={H2}>
        接口要求
      </h2>
      <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm leading-7 text-slate-600">
        {REQUIREMENTS.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ol>
      {route.notes.length > 0 && (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm leading-7 text-slate-600">
          {route.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}

      <h2 id="request" className={H2}>
        请求说明
      </h2>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[6rem_1fr]">
        <dt className="text-slate-500">HTTP 方法</dt>
        <dd className="font-mono">POST</dd>
        <dt className="text-slate-500">请求 URL</dt>
        <dd className="break-all font-mono text-xs leading-6">
          {origin}
          {samplePath}
        </dd>
      </dl>
      <p className="mt-2 text-xs text-slate-500">服务码在控制台“我的应用”中查看，每个应用的每个接口各不相同。</p>
      <p className="mt-3 text-sm leading-7 text-slate-600">
        两种签名方式任选其一：用户操作手册的 MD5 Sign（应用 AppKey + AppSecret），或天翼云 EOP 签名（账户 AccessKey 的 AK/SK + 应用 AppKey）。
        带 Eop-Authorization 请求头的请求按 EOP 签名校验。
      </p>
      <h3 className="mt-6 font-medium text-slate-900">请求头（MD5 Sign）</h3>
      <div className="mt-3">
        <FieldTable rows={REQUEST_HEADERS} caption="请求头（MD5 Sign）" />
      </div>
      <h3 id="eop" className="mt-6 scroll-mt-20 font-medium text-slate-900">
        请求头（EOP 签名）
      </h3>
      <div className="mt-3">
        <FieldTable rows={EOP_REQUEST_HEADERS} caption="请求头（EOP 签名）" />
      </div>
      <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm leading-7 text-slate-600">
        {EOP_SIGNING_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-slate-500">AccessKey 在控制台“账户 → AccessKey”中创建，SK 仅在创建时显示一次；每个账户最多两对。</p>
      <h3 className="mt-6 font-medium text-slate-900">请求参数</h3>
      <div className="mt-3">
        <FieldTable rows={REQUEST_FIELDS} caption="请求参数" />
      </div>

      <h2 id="samples" className={H2}>
        请求代码示例
      </h2>
      <div className="mt-4 space-y-4">
        {samplesFor(route.api, origin, samplePath).map((s) => (
          <CodeBlock key={s.title} title={s.title} code={s.code} label={`复制 ${s.title} 示例`} />
        ))}
      </div>

      <h2 id="response" className={H2}>
        返回说明
      </h2>
      <h3 className="mt-4 font-medium text-slate-900">返回参数</h3>
      <div className="mt-3">
        <FieldTable rows={success} caption="返回参数" nameHead="返回字段" />
      </div>
      <h3 className="mt-6 font-medium text-slate-900">API 调用失败返回值</h3>
      <div className="mt-3">
        <FieldTable rows={failure} caption="调用失败返回值" nameHead="返回字段" />
      </div>
      <h3 className="mt-6 font-medium text-slate-900">返回示例</h3>
      <div className="mt-3">
        <CodeBlock title="HTTP/1.1 200 OK · application/json" label="复制返回示例" code={JSON.stringify(RESPONSE_EXAMPLES[route.api], null, 2)} />
      </div>

      <h2 id="errors" className={H2}>
        错误码说明
      </h2>
      <div className="mt-4">
        <ErrorCodeTable codes={ERROR_CODES} />
      </div>

      <div className="mt-10 flex flex-wrap gap-3 rounded-lg border border-slate-200 bg-white p-5">
        <p className="w-full text-sm text-slate-600">准备好了？创建应用并领取免费额度即可开始调用。</p>
        <ButtonLink href="/console/apps?new=1" prefetch={false}>立即使用</ButtonLink>
        <ButtonLink href="/pricing" variant="secondary">
          查看定价
        </ButtonLink>
      </div>
    </article>
  );
}
