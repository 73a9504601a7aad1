import type { Metadata } from "next";
import Link from "next/link";
import { AdvantageCards, ScenarioGrid } from "@/components/site-sections";
import { ButtonLink } from "@/components/ui";
import { PRODUCTS } from "@/lib/docs/site";

export const metadata: Metadata = { title: "产品" };

export default function ProductsPage() {
  return (
    <main>
      <section className="border-b border-slate-200 bg-gradient-to-b from-brand-50 to-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <p className="text-sm font-medium text-brand-600">产品 · 大数据与 AI</p>
          <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">印刷文字识别 OCR</h1>
          <h2 className="sr-only">产品简介</h2>
          <p className="mt-4 max-w-3xl leading-7 text-slate-600">
            印刷文字识别 OCR 产品可帮助用户进行通用型 OCR、身份证识别与车牌识别。以签名鉴权的 HTTP API 提供服务，按年度资源包计费，在控制台管理应用、查看调用监控与告警。
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            <ButtonLink href="/console/apps?new=1" prefetch={false}>立即使用</ButtonLink>
            <ButtonLink href="/pricing" variant="secondary">
              查看定价
            </ButtonLink>
          </div>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-12" aria-labelledby="features">
        <h2 id="features" className="text-xl font-semibold text-slate-900">
          产品功能
        </h2>
        <div className="mt-5 grid gap-4 md:grid-cols-3">
          {PRODUCTS.map((p) => (
            <article key={p.api} className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="font-semibold text-slate-900">{p.name}</h3>
              <p className="mt-2 flex-1 text-sm leading-6 text-slate-600">{p.summary}</p>
              <div className="mt-4 flex flex-wrap gap-2">
                <ButtonLink href={`/products/${p.slug}`} variant="secondary" className="h-8 px-3">
                  了解{p.name}
                </ButtonLink>
                <ButtonLink href={`/docs/${p.slug}`} variant="ghost" className="h-8 px-3">
                  API 文档
                </ButtonLink>
              </div>
            </article>
          ))}
        </div>
      </section>

      <section className="border-y border-slate-200 bg-white" aria-labelledby="scenarios">
        <div className="mx-auto max-w-6xl px-4 py-12">
          <h2 id="scenarios" className="text-xl font-semibold text-slate-900">
            使用场景
          </h2>
          <ScenarioGrid className="mt-5" />
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-12" aria-labelledby="advantages">
        <h2 id="advantages" className="text-xl font-semibold text-slate-900">
          产品优势
        </h2>
        <AdvantageCards className="mt-5" />
        <p className="mt-8 text-sm text-slate-500">
          有疑问？先看看 <Link href="/faq" className="text-brand-600 hover:underline">常见问题</Link>。
        </p>
      </section>
    </main>
  );
}
