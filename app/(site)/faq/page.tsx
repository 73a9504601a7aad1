import type { Metadata } from "next";
import Link from "next/link";
import { FAQS } from "@/lib/docs/site";

export const metadata: Metadata = { title: "常见问题" };

export default function FaqPage() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">常见问题</h1>
      <p className="mt-3 text-sm leading-7 text-slate-600">
        没有找到答案？请查看 <Link href="/docs" className="text-brand-600 hover:underline">API 文档</Link>，或携带响应头中的 X-Request-Id 联系我们。
      </p>
      <div className="mt-8 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {FAQS.map((f, i) => (
          <details key={f.q} className="group p-5" open={i < 3}>
            <summary className="flex cursor-pointer list-none items-start justify-between gap-4 font-medium text-slate-900">
              <span>
                {i + 1}. {f.q}
              </span>
              <span aria-hidden className="text-slate-400 transition-transform group-open:rotate-45">
                +
              </span>
            </summary>
            <p className="mt-3 text-sm leading-7 text-slate-600">{f.a}</p>
          </details>
        ))}
      </div>
    </main>
  );
}
