import Link from "next/link";
import type { ReactNode } from "react";
import { API_ROUTES } from "@/lib/api/spec";

export default function DocsLayout({ children }: { children: ReactNode }) {
  const items = [
    { href: "/docs", label: "接入指南" },
    ...API_ROUTES.map((r) => ({ href: `/docs/${r.api}`, label: r.title })),
    { href: "/docs/jobs", label: "异步批量任务" },
    { href: "/docs#errors", label: "错误码" },
    { href: "/faq", label: "常见问题" },
  ];
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10 md:flex-row">
      <aside className="md:w-48 md:shrink-0">
        <nav aria-label="文档目录" className="flex gap-1 overflow-x-auto md:sticky md:top-20 md:flex-col">
          <p className="hidden px-3 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-400 md:block">API 文档</p>
          {items.map((it) => (
            <Link key={it.href} href={it.href} className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              {it.label}
            </Link>
          ))}
          <a href="/openapi.json" className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            OpenAPI 描述
          </a>
        </nav>
      </aside>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
