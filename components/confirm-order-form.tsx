"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action-state";
import { useConsoleActions } from "./console-actions";
import { yuan } from "@/lib/format";
import { LEGAL, titled } from "@/lib/legal/documents";
import { Alert, Button, ButtonLink, Card } from "./ui";

/** 确认配置: the 协议 checkbox, 配置费用, 上一步 and 立即购买 (disabled until the box is ticked). */
export function ConfirmOrderForm({ appId, api, q, totalFen, backHref }: { appId: string; api: string; q: string; totalFen: number; backHref: string }) {
  const [agree, setAgree] = useState(false);
  const [state, action, pending] = useActionState<ActionState, FormData>(useConsoleActions().createOrder, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="appId" value={appId} />
      <input type="hidden" name="api" value={api} />
      <input type="hidden" name="q" value={q} />
      <Card title="协议">
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="agree" checked={agree} onChange={(e) => setAgree(e.target.checked)} className="mt-0.5 h-4 w-4 accent-brand-600" />
          <span>
            我已阅读并同意相关协议。
            <Link href={LEGAL.beta.href} target="_blank" className="text-brand-600 hover:underline">
              {titled("beta")}
            </Link>
          </span>
        </label>
        <div className="mt-5 flex flex-col gap-4 border-t border-slate-100 pt-4 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <p className="text-sm text-slate-600">
              配置费用 <span className="text-xl font-semibold text-orange-600 tabular-nums">¥{yuan(totalFen)}</span>
            </p>
            <p className="text-xs text-slate-500">
              参考价格，具体扣费请以账单为准。
              <Link href="/pricing" className="text-brand-600 hover:underline">了解计费详情</Link>
            </p>
          </div>
          <div className="flex gap-2">
            <ButtonLink href={backHref} variant="secondary">上一步</ButtonLink>
            <Button type="submit" disabled={!agree || pending}>{pending ? "正在创建订单…" : "立即购买"}</Button>
          </div>
        </div>
        {state.status === "error" && (
          <div className="mt-4">
            <Alert>{state.message}</Alert>
          </div>
        )}
      </Card>
    </form>
  );
}
