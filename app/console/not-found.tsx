import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui";

export const metadata: Metadata = { title: "页面不存在" };

/**
 * 页面不存在 inside the console (its top bar and side navigation stay): unknown /console/…
 * addresses (app/console/[...missing]) and records that are not the customer's (notFound()).
 */
export default function ConsoleNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-5xl font-bold text-slate-300">404</p>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">页面不存在</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">您访问的控制台页面不存在，或该记录不属于当前账号。</p>
      <div className="mt-8 flex justify-center gap-3">
        <ButtonLink href="/console">返回控制台概览</ButtonLink>
        <ButtonLink href="/console/apps" variant="secondary">
          我的应用
        </ButtonLink>
      </div>
    </div>
  );
}
