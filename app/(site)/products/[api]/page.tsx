import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { CodeBlock } from "@/components/code-block";
import { FieldTable } from "@/components/doc-tables";
import { HeroVisual, QuickStart } from "@/components/product-visual";
import { ButtonLink } from "@/components/ui";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { samplesFor } from "@/lib/docs/samples";
import { VISUALS, apiCards } from "@/lib/docs/visuals";
import { allFree, publicPriceTable } from "@/lib/docs/prices";
import { cny, shTime, tierLabel } from "@/lib/format";
import { ADVANTAGES, productBySlug } from "@/lib/docs/site";

export async function generateMetadata({ params }: { params: Promise<{ api: string }> }): Promise<Metadata> {
  const p = productBySlug((await params).api);
  return { title: p?.name ?? "产品" };
}

const REQUIREMENTS = ["图片单张大小不超过 10MB，批量请求单次不超过 50 张", "图片像素尺寸大于 32x32，小于 5000x5000", "图片格式支持 png、jpg、jpeg、bmp"];

function Bullets({ items }: { items: readonly string[] }) {
  return (
    <ul className="mt-4 space-y-2 text-sm leading-6 text-slate-600">
      {items.map((f) => (
        <li key={f} className="flex gap-2">
          <span aria-hidden className="mt-2 h-1.5 w-1.5 shrink-0 rounded-full bg-brand-500" />
          {f}
        </li>
      ))}
    </ul>
  );
}

export default async function ProductPage({ params }: { params: Promise<{ api: string }> }) {
  const p = productBySlug((await params).api);
  if (!p) notFound();
  await connection(); // the price block reads the live price table (operators change it)
  const [table] = await publicPriceTable(await getDb(), new Date(), p.api);
  const visual = VISUALS[p.api];
  const card = apiCards().find((c) => c.api === p.api)!;
  const curl = samplesFor(p.api, await publicOrigin(), card.path.replace("{serviceCode}", "[服务码]")).find((s) => s.lang === "Bash")!.code;
  return (
    <main>
      <section className="overflow-hidden border-b border-slate-200 bg-gradient-to-b from-brand-50 to-slate-50">
        <div className="mx-auto grid max-w-6xl grid-cols-1 items-center gap-10 px-4 py-12 lg:grid-cols-2">
          <div>
            <p className="text-sm text-slate-500">
              <Link href="/products" className="hover:text-brand-600">
                产品
              </Link>{" "}
              / {p.name}
            </p>
            <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{p.name}</h1>
            <p className="mt-4 leading-7 text-slate-600">{p.summary}</p>
            <div className="mt-6 flex flex-wrap gap-3">
              <ButtonLink href="/console/apps?new=1" prefetch={false}>立即使用</ButtonLink>
              <ButtonLink href={`/docs/${p.slug}`} variant="secondary">
                查看 API 文档
              </ButtonLink>
              <ButtonLink href="/pricing" variant="ghost" className="whitespace-nowrap">
                查看定价
              </ButtonLink>
            </div>
          </div>
          <HeroVisual visual={visual} title={`${p.name} · 识别结果`} />
        </div>
      </section>
      {table && <PriceBlock table={table} />}
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 md:grid-cols-2">
        <section aria-labelledby="f">
          <h2 id="f" className="text-lg font-semibold text-slate-900">
            产品功能
          </h2>
          <Bullets items={p.features} />
        </section>
        <section aria-labelledby="s">
          <h2 id="s" className="text-lg font-semibold text-slate-900">
            使用场景
          </h2>
          <Bullets items={p.scenarios} />
        </section>
        <section aria-labelledby="r">
          <h2 id="r" className="text-lg font-semibold text-slate-900">
            接口要求
          </h2>
          <ul className="mt-4 list-decimal space-y-1 pl-5 text-sm leading-6 text-slate-600">
            {REQUIREMENTS.map((r) => (
              <li key={r}>{r}</li>
            ))}
            <li>HTTP POST，JSON 请求体，MD5 签名鉴权</li>
          </ul>
        </section>
        <section aria-labelledby="a">
          <h2 id="a" className="text-lg font-semibold text-slate-900">
            产品优势
          </h2>
          <dl className="mt-4 space-y-3 text-sm leading-6">
            {ADVANTAGES.map((a) => (
              <div key={a.title}>
                <dt className="font-medium text-slate-900">{a.title}</dt>
                <dd className="text-slate-600">{a.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <section aria-labelledby="resp" className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-12">
          <h2 id="resp" className="text-lg font-semibold text-slate-900">
            返回结果
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            <span className="mr-1 font-semibold text-emerald-700">POST</span>
            <code className="font-mono text-xs">{card.path}</code>
          </p>
          <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-2">
            <div className="min-w-0">
              <FieldTable rows={card.fields} caption="每张图片的识别结果 result[]" nameHead="字段" />
            </div>
            <div className="min-w-0">
              <CodeBlock title="上图的实际返回（Base64 字段已省略）" code={JSON.stringify(visual.response, null, 2)} label="复制返回示例" />
            </div>
          </div>
        </div>
      </section>
      <section aria-labelledby="quick" className="border-t border-slate-200">
        <div className="mx-auto max-w-6xl px-4 py-12">
          <h2 id="quick" className="mb-8 text-lg font-semibold text-slate-900">
            开发者快速接入
          </h2>
          <QuickStart curl={curl} />
        </div>
      </section>
    </main>
  );
}

/** 价格: 公测期间免费 (or the beta price) until the 公测截止时间, and the list price after it. */
function PriceBlock({ table }: { table: Awaited<ReturnType<typeof publicPriceTable>>[number] }) {
  const first = table.rows[0];
  if (!first) return null;
  const ends = first.betaEndsAt;
  return (
    <section aria-labelledby="price" className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-3 px-4 py-6">
        <h2 id="price" className="text-lg font-semibold text-slate-900">
          价格
        </h2>
        {allFree(table) ? (
          <p className="text-sm text-slate-700">
            <span className="mr-2 rounded bg-brand-50 px-2 py-0.5 font-semibold text-brand-700">公测期间免费</span>
            公测截止时间 {shTime(ends)}；公测结束后 {tierLabel(first.tier)}/年 {cny(first.unitPriceFen)} 起
          </p>
        ) : (
          <p className="text-sm text-slate-700">
            {tierLabel(first.tier)}/年 {cny(first.betaPriceFen ?? first.unitPriceFen)} 起
            {first.betaPriceFen !== null && <>（公测价，公测结束后 {cny(first.unitPriceFen)}）</>}
          </p>
        )}
        <Link href="/pricing" className="whitespace-nowrap text-sm text-brand-600 hover:underline">
          查看全部规格
        </Link>
      </div>
    </section>
  );
}
