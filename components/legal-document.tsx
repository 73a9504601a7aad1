import Link from "next/link";
import { LEGAL, titled, type LegalDoc } from "@/lib/legal/documents";
import { Breadcrumbs } from "./breadcrumbs";

export interface LegalSection {
  title: string;
  items: string[];
}

/** 《用户协议》《隐私政策》《公测产品服务协议》: one layout, names and versions from lib/legal/documents.ts. */
export function LegalDocument({ doc, intro, sections }: { doc: LegalDoc; intro?: string; sections: LegalSection[] }) {
  const others = (Object.keys(LEGAL) as LegalDoc[]).filter((d) => d !== doc);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <Breadcrumbs items={[{ label: "首页", href: "/" }, { label: "法律条款" }, { label: LEGAL[doc].name }]} className="mb-4" />
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{titled(doc)}</h1>
      <p className="mt-2 text-sm text-slate-500">版本 {LEGAL[doc].version}</p>
      {intro && <p className="mt-6 text-sm leading-7 text-slate-600">{intro}</p>}
      <div className="mt-6 space-y-8 rounded-lg border border-slate-200 bg-white p-6 sm:p-8">
        {sections.map((s) => (
          <section key={s.title}>
            <h2 className="text-lg font-semibold text-slate-900">{s.title}</h2>
            <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm leading-7 text-slate-600">
              {s.items.map((it) => (
                <li key={it}>{it}</li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      <p className="mt-6 text-sm text-slate-500">
        另见：
        {others.map((d, i) => (
          <span key={d}>
            {i > 0 && "、"}
            <Link href={LEGAL[d].href} className="text-brand-600 hover:underline">
              {titled(d)}
            </Link>
          </span>
        ))}
      </p>
    </main>
  );
}
