import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui";
import { ADVANTAGES, PRODUCTS, productBySlug } from "@/lib/docs/site";

export function generateStaticParams() {
  return PRODUCTS.map((p) => ({ api: p.slug }));
}

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
  return (
    <main>
      <section className="border-b border-slate-200 bg-gradient-to-b from-brand-50 to-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <p className="text-sm text-slate-500">
            <Link href="/products" className="hover:text-brand-600">
              产品
            </Link>{" "}
            / {p.name}
          </p>
          <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{p.name}</h1>
          <p className="mt-4 max-w-3xl leading-7 text-slate-600">{p.summary}</p>
          <div className="mt-6 flex flex-wrap gap-3">
            <ButtonLink href="/console/apps?new=1">立即使用</ButtonLink>
            <ButtonLink href={`/docs/${p.slug}`} variant="secondary">
              查看 API 文档
            </ButtonLink>
            <ButtonLink href="/pricing" variant="ghost">
              查看定价
            </ButtonLink>
          </div>
        </div>
      </section>
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
    </main>
  );
}
