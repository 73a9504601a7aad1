import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { TopupForm } from "@/components/topup-form";
import { TransferForm } from "@/components/transfer-form";
import { Alert, Badge, Card, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { cny, shDate, shTime, yuan } from "@/lib/format";
import { safeReturnTo } from "@/lib/payments/schemas";
import { cardPaymentsEnabled } from "@/lib/payments/stripe";
import { myTransfers, offlinePayee } from "@/lib/payments/transfer";
import { requestTransferAction, topupAction } from "./actions";
import { heldState, walletOf, type HeldState } from "@/lib/payments/wallet";

export const metadata: Metadata = { title: "账户余额" };

const TRANSFER_TONE = { 待确认: "amber", 已到账: "green", 已拒绝: "slate" } as const;

const KIND_LABEL = { topup: "充值", payment: "订单支付", credit: "运营调整", refund: "退款", seed: "初始余额" } as const;
const HELD: Record<HeldState, { label: string; tone: "green" | "slate" | "amber" }> = {
  unused: { label: "未使用", tone: "green" },
  used: { label: "已使用", tone: "slate" },
  expired: { label: "已过期", tone: "amber" },
};

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ topup?: string; return?: string }> }) {
  const { db, user } = await requireUser();
  const sp = await searchParams;
  const topup = sp.topup;
  const returnTo = safeReturnTo(sp.return);
  const now = new Date();
  const w = await walletOf(db, user.id);
  const card = cardPaymentsEnabled();
  const transfers = card ? [] : await myTransfers(db, user.id);
  const payee = offlinePayee();
  return (
    <>
      <PageHeader title="账户余额" description="余额、收支明细，以及您持有的代金券与优惠券。" />
      <div className="space-y-6">
        {topup === "ok" && <Alert tone="green">充值已提交，到账后余额会自动更新（通常几秒内），请稍候刷新。</Alert>}
        {returnTo && (
          <Alert tone="amber">
            充值到账后，请回到订单完成支付。
            <Link href={returnTo} className="ml-1 font-medium underline">返回订单支付</Link>
          </Alert>
        )}
        <Card title="账户余额">
          <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
            <div>
              <p className="text-sm text-slate-500">可用余额</p>
              <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="account-balance">{cny(w.balanceFen)}</p>
            </div>
            {card && <TopupForm action={topupAction} returnTo={returnTo} />}
          </div>
        </Card>

        {!card && (
          <Card title="充值（线下汇款）">
            <div id="topup" className="space-y-4">
              <div className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm leading-6 text-slate-700">
                <p>请通过银行转账汇款至以下账户，然后填写汇款信息。运营人员核对到账后为您入账，每笔汇款只入账一次。</p>
                <dl className="mt-2 grid grid-cols-[5rem_1fr] gap-y-1">
                  <dt className="text-slate-500">收款户名</dt>
                  <dd>{payee.name}</dd>
                  <dt className="text-slate-500">开户银行</dt>
                  <dd>{payee.bank}</dd>
                  <dt className="text-slate-500">收款账号</dt>
                  <dd className="font-mono">{payee.account}</dd>
                </dl>
              </div>
              <TransferForm action={requestTransferAction} />
              {transfers.length > 0 && (
                <Table head={["提交时间", "金额 (元)", "汇款人", "流水号", "状态", "说明"]} caption="汇款记录">
                  {transfers.map((t) => (
                    <tr key={t.id}>
                      <Td>{shTime(t.createdAt)}</Td>
                      <Td className="tabular-nums">{yuan(t.amountFen)}</Td>
                      <Td>{t.payerName}</Td>
                      <Td className="font-mono text-xs">{t.reference}</Td>
                      <Td><Badge tone={TRANSFER_TONE[t.status]}>{t.status}</Badge></Td>
                      <Td className="whitespace-normal">{t.reason || (t.status === "已到账" ? `${shTime(t.decidedAt)} 入账` : "—")}</Td>
                    </tr>
                  ))}
                </Table>
              )}
            </div>
          </Card>
        )}

        <Card title="收支明细">
          {w.ledger.length === 0 ? (
            <EmptyState title="暂无收支记录" />
          ) : (
            <Table head={["时间", "类型", "金额 (元)", "余额 (元)", "说明"]} caption="收支明细">
              {w.ledger.map((e) => (
                <tr key={e.id}>
                  <Td>{shTime(e.createdAt)}</Td>
                  <Td>{KIND_LABEL[e.kind]}</Td>
                  <Td className={e.deltaFen < 0 ? "tabular-nums text-slate-900" : "tabular-nums text-emerald-700"}>
                    {e.deltaFen > 0 ? "+" : ""}
                    {yuan(e.deltaFen)}
                  </Td>
                  <Td className="tabular-nums">{yuan(e.balanceAfterFen)}</Td>
                  <Td className="whitespace-normal">
                    {e.orderId ? (
                      <Link href={`/console/orders/${e.orderId}`} className="text-brand-600 hover:underline">{e.note || `订单 ${e.orderId}`}</Link>
                    ) : (
                      e.note || "—"
                    )}
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>

        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="代金券">
            {w.vouchers.length === 0 ? (
              <EmptyState title="暂无代金券" description="代金券可抵扣订单中的固定金额。" />
            ) : (
              <Table head={["面额", "有效期至", "状态", "使用订单"]} caption="代金券">
                {w.vouchers.map((v) => {
                  const s = HELD[heldState(v, now)];
                  return (
                    <tr key={v.id}>
                      <Td className="tabular-nums">{cny(v.amountFen)}</Td>
                      <Td>{shDate(v.expiresAt)}</Td>
                      <Td><Badge tone={s.tone}>{s.label}</Badge></Td>
                      <Td>{v.usedOrderId ? <Link href={`/console/orders/${v.usedOrderId}`} className="font-mono text-xs text-brand-600 hover:underline">{v.usedOrderId}</Link> : "—"}</Td>
                    </tr>
                  );
                })}
              </Table>
            )}
          </Card>
          <Card title="优惠券">
            {w.coupons.length === 0 ? (
              <EmptyState title="暂无优惠券" description="优惠券可按满减或折扣优惠订单金额，不能与代金券同时使用。" />
            ) : (
              <Table head={["优惠", "使用门槛", "有效期至", "状态", "使用订单"]} caption="优惠券">
                {w.coupons.map((c) => {
                  const s = HELD[heldState(c, now)];
                  return (
                    <tr key={c.id}>
                      <Td>{c.kind === "amount" ? `减 ${cny(c.amountOffFen)}` : `减 ${c.percentOff}%`}</Td>
                      <Td>{c.thresholdFen ? `满 ${cny(c.thresholdFen)}` : "无门槛"}</Td>
                      <Td>{shDate(c.expiresAt)}</Td>
                      <Td><Badge tone={s.tone}>{s.label}</Badge></Td>
                      <Td>{c.usedOrderId ? <Link href={`/console/orders/${c.usedOrderId}`} className="font-mono text-xs text-brand-600 hover:underline">{c.usedOrderId}</Link> : "—"}</Td>
                    </tr>
                  );
                })}
              </Table>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
