"use client";

import Link from "next/link";

/** An unexpected server error: a Chinese page with the reference to quote, never a stack. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-5xl font-bold text-slate-300">500</p>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">服务暂时出错</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">
        请稍后重试。如果问题持续，请联系我们并提供错误编号{error.digest ? <span className="ml-1 font-mono">{error.digest}</span> : null}。
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" onClick={reset} className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
          重试
        </button>
        <Link href="/" className="inline-flex h-9 items-center rounded-md border border-slate-300 px-4 text-sm font-medium text-slate-700 hover:border-brand-500">
          返回首页
        </Link>
      </div>
    </main>
  );
}
