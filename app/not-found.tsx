import type { Metadata } from "next";
import { SiteFooter, SiteHeader } from "@/components/site-header";
import { ButtonLink } from "@/components/ui";

export const metadata: Metadata = { title: "页面不存在" };

/** Any unknown URL: a Chinese 页面不存在 in the site's own header and footer (not Next's English page). */
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-xl px-4 py-24 text-center">
        <p className="text-5xl font-bold text-slate-300">404</p>
        <h1 className="mt-4 text-2xl font-semibold text-slate-900">页面不存在</h1>
        <p className="mt-3 text-sm leading-6 text-slate-600">您访问的地址不存在或已被移除，请检查链接是否正确。</p>
        <div className="mt-8 flex justify-center gap-3">
          <ButtonLink href="/">返回首页</ButtonLink>
          <ButtonLink href="/docs" variant="secondary">帮助文档</ButtonLink>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
