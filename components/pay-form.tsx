"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action-state";
import { useConsoleActions } from "./console-actions";
import { yuan } from "@/lib/format";
import { quote, type CouponTerms } from "@/lib/pricing/quote";
import { PaymentBreakdown } from "./order-view";
import { Alert, Button, Card, cx, inputClass } from "./ui";

export interface VoucherOption {
  id: string;
  label: string;
  amountFen: number;
}
export interface CouponOption {
  id: string;
  label: string;
  terms: CouponTerms;
  applies: boolean;
}

/** The manual's payment box: 账户余额支付, 代金券支付, 优惠券, the running 订单费用 … 需支付, and 立即支付. */
export function PayForm(p: {
  orderId: string;
  totalFen: number;
  balanceFen: number;
  verified: boolean;
  cardEnabled: boolean;
  vouchers: VoucherOption[];
  coupons: CouponOption[];
}) {
  const [voucherId, setVoucherId] = useState("");
  const [couponId, setCouponId] = useState("");
  const [method, setMethod] = useState<"balance" | "card">("balance");
  const [state, action, pending] = useActionState<ActionState, FormData>(useConsoleActions().payOrder, { status: "idle" });

  const voucher = p.vouchers.find((v) => v.id === voucherId);
  const coupon = p.coupons.find((c) => c.id === couponId);
  const q = quote({ totalFen: p.totalFen, voucherFen: voucher?.amountFen ?? null, coupon: coupon?.terms ?? null, balanceFen: p.balanceFen, method });
  const canPay = p.verified && q.shortFen === 0 && !pending;

  return (
    <form action={action}>
      <input type="hidden" name="orderId" value={p.orderId} />
      <input type="hidden" name="voucherId" value={voucherId} />
      <input type="hidden" name="couponId" value={couponId} />
      <input type="hidden" name="method" value={method} />
      <Card title="支付方式">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="space-y-4 text-sm">
            <p className="text-slate-500">
              支付方式 <span className="ml-2 text-slate-800">预付费</span>
            </p>
            <fieldset className="space-y-2">
              <legend className="mb-1 font-medium text-slate-700">账户余额支付 (元)</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="_method" checked={method === "balance"} onChange={() => setMethod("balance")} className="accent-brand-600" />
                <span>
                  账户余额（可用 <span className="tabular-nums" data-testid="balance">{yuan(p.balanceFen)}</span> 元）
                </span>
                <Link href={`/console/billing?return=${encodeURIComponent(`/console/orders/${p.orderId}/pay`)}#topup`} className="text-brand-600 hover:underline">
                  充值
                </Link>
              </label>
              {p.cardEnabled && (
                <label className="flex items-center gap-2">
                  <input type="radio" name="_method" checked={method === "card"} onChange={() => setMethod("card")} className="accent-brand-600" />
                  <span>银行卡支付（Stripe）</span>
                </label>
              )}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <label className="block space-y-1.5">
                <span className="font-medium text-slate-700">代金券支付 (元)</span>
                <select
                  value={voucherId}
                  onChange={(e) => {
                    setVoucherId(e.target.value);
                    if (e.target.value) setCouponId("");
                  }}
                  disabled={p.vouchers.length === 0}
                  className={cx(inputClass, "disabled:bg-slate-50 disabled:text-slate-400")}
                >
                  <option value="">{p.vouchers.length ? "不使用代金券" : "暂无可用代金券"}</option>
                  {p.vouchers.map((v) => (
                    <option key={v.id} value={v.id}>{v.label}</option>
                  ))}
                </select>
              </label>
              <label className="block space-y-1.5">
                <span className="font-medium text-slate-700">优惠券</span>
                <select
                  value={couponId}
                  onChange={(e) => {
                    setCouponId(e.target.value);
                    if (e.target.value) setVoucherId("");
                  }}
                  disabled={p.coupons.length === 0}
                  className={cx(inputClass, "disabled:bg-slate-50 disabled:text-slate-400")}
                >
                  <option value="">{p.coupons.length ? "不使用优惠券" : "暂无可用优惠券"}</option>
                  {p.coupons.map((c) => (
                    <option key={c.id} value={c.id} disabled={!c.applies}>
                      {c.label}
                      {c.applies ? "" : "（未达使用门槛）"}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="text-xs text-slate-500">代金券与优惠券不能同时使用：选择其一时另一项会自动取消。</p>
          </div>
          <div className="space-y-4">
            <PaymentBreakdown
              rows={[
                { label: "订单费用", sign: "+", fen: q.orderFen },
                { label: "账户余额支付", sign: "-", fen: q.balanceFen },
                { label: "代金券支付", sign: "-", fen: q.voucherFen },
                { label: "优惠券优惠", sign: "-", fen: q.couponFen },
                ...(method === "card" ? [{ label: "银行卡支付", sign: "-" as const, fen: q.cardFen }] : []),
              ]}
              final={{ label: "需支付", fen: q.shortFen, testId: "need-to-pay" }}
            />
            {q.shortFen > 0 && (
              <Alert tone="amber">
                账户余额不足，还差 {yuan(q.shortFen)} 元。
                {p.cardEnabled ? "请充值或改用银行卡支付。" : "请先充值（线下汇款，运营人员确认到账后入账）后再支付。"}
                <Link href={`/console/billing?return=${encodeURIComponent(`/console/orders/${p.orderId}/pay`)}#topup`} className="ml-1 font-medium underline">
                  去充值
                </Link>
              </Alert>
            )}
            <Button type="submit" disabled={!canPay} className="w-full">
              {pending ? "正在支付…" : "立即支付"}
            </Button>
            {!p.verified && <p className="text-xs text-amber-700">完成实名认证后才能支付。</p>}
            {state.status === "error" && <Alert>{state.message}</Alert>}
          </div>
        </div>
      </Card>
    </form>
  );
}
