import type { Metadata } from "next";
import { Card, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { HeldBadge } from "@/components/ops/bits";
import { CouponForm, VoucherForm } from "@/components/ops/forms";
import { cny, shDate } from "@/lib/format";
import { recentCoupons, recentVouchers } from "@/lib/ops/promotions";
import { heldState } from "@/lib/payments/wallet";
import { issueCouponAction, issueVoucherAction } from "../actions";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "代金券与优惠券 · 运营" };

export const dynamic = "force-dynamic";

export default async function OpsPromotions({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const sp = await searchParams;
  const email = typeof sp.email === "string" ? sp.email : "";
  const [vs, cs] = await Promise.all([recentVouchers(ctx.db), recentCoupons(ctx.db)]);
  const now = new Date();
  return (
    <>
      <PageHeader title="代金券与优惠券" description="代金券抵扣固定金额；优惠券满额减免或按比例折扣。每笔订单只能使用其一。" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="发放代金券">
          <VoucherForm action={issueVoucherAction} email={email} />
        </Card>
        <Card title="发放优惠券">
          <CouponForm action={issueCouponAction} email={email} />
        </Card>
      </div>
      <div className="mt-6 space-y-6">
        <Card title="最近发放的优惠券">
          {cs.length === 0 ? (
            <EmptyState title="还没有发放优惠券" />
          ) : (
            <Table head={["账号", "优惠", "门槛", "状态", "有效期至", "备注", "发放时间"]} caption="优惠券">
              {cs.map((c) => (
                <tr key={c.id}>
                  <Td>{c.email}</Td>
                  <Td>{c.kind === "amount" ? `减 ${cny(c.amountOffFen)}` : `${c.percentOff}% 折扣`}</Td>
                  <Td>{c.thresholdFen > 0 ? `满 ${cny(c.thresholdFen)}` : "无门槛"}</Td>
                  <Td>
                    <HeldBadge state={heldState(c, now)} />
                  </Td>
                  <Td>{shDate(c.expiresAt)}</Td>
                  <Td className="max-w-xs truncate">{c.note || "—"}</Td>
                  <Td>{shDate(c.createdAt)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="最近发放的代金券">
          {vs.length === 0 ? (
            <EmptyState title="还没有发放代金券" />
          ) : (
            <Table head={["账号", "面额", "状态", "有效期至", "备注", "发放时间"]} caption="代金券">
              {vs.map((v) => (
                <tr key={v.id}>
                  <Td>{v.email}</Td>
                  <Td>{cny(v.amountFen)}</Td>
                  <Td>
                    <HeldBadge state={heldState(v, now)} />
                  </Td>
                  <Td>{shDate(v.expiresAt)}</Td>
                  <Td className="max-w-xs truncate">{v.note || "—"}</Td>
                  <Td>{shDate(v.createdAt)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
