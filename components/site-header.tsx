import Link from "next/link";
import { auth } from "@/auth";
import { LEGAL } from "@/lib/legal/documents";

const nav = [
  { href: "/products", label: "产品" },
  { href: "/pricing", label: "定价" },
  { href: "/docs", label: "文档" },
];

export function Logo({ compact = false, dark = false }: { compact?: boolean; dark?: boolean }) {
  return (
    <Link href="/" className={`flex shrink-0 items-center gap-2 font-semibold ${dark ? "text-white" : "text-slate-900"}`} aria-label={compact ? "印刷文字识别" : undefined}>
      <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">
        OCR
      </span>
      <span className={compact ? "hidden sm:inline" : undefined}>印刷文字识别</span>
    </Link>
  );
}

export async function SiteHeader() {
  const session = await auth();
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:gap-6">
        <Logo compact />
        <nav aria-label="主导航" className="flex min-w-0 flex-1 items-center gap-0.5 text-sm sm:gap-1">
          {nav.map((n) => (
            <Link key={n.href} href={n.href} className="whitespace-nowrap rounded px-2 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 sm:px-2.5">
              {n.label}
            </Link>
          ))}
          <Link href="/console" className="hidden whitespace-nowrap rounded px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 sm:inline">
            控制台
          </Link>
        </nav>
        <div className="flex items-center gap-2 text-sm">
          {session?.user ? (
            <Link href="/console" className="whitespace-nowrap text-slate-600 hover:text-brand-600" title="进入控制台">
              <span className="hidden sm:inline">{session.user.email}</span>
              <span className="sm:hidden">控制台</span>
            </Link>
          ) : (
            <>
              <Link href="/login" className="whitespace-nowrap rounded px-2 py-1.5 text-slate-600 hover:text-brand-600 sm:px-3">
                登录
              </Link>
              <Link href="/register" className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                注册
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-8 text-sm text-slate-500">
        <p>印刷文字识别 OCR · 通用型 OCR · 身份证识别 · 车牌识别</p>
        <nav aria-label="页脚" className="flex gap-4">
          <Link href="/docs">API 文档</Link>
          <Link href="/faq">常见问题</Link>
          <Link href={LEGAL.terms.href}>{LEGAL.terms.name}</Link>
          <Link href={LEGAL.privacy.href}>{LEGAL.privacy.name}</Link>
          <Link href={LEGAL.beta.href}>{LEGAL.beta.name}</Link>
          <a href="/openapi.json">OpenAPI</a>
        </nav>
      </div>
    </footer>
  );
}
