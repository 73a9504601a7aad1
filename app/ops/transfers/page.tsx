import type { Metadata } from "next";
import { ConfirmAction } from "@/components/confirm-action";
import { ReasonAction } from "@/components/ops/forms";
import { Badge, Card, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { cny, shTime } from "@/lib/format";
import { listTransfers } from "@/lib/payments/transfer";
import { confirmTransferAction, rejectTransferAction } from "../actions";
import { opsPage } from "../_server/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "线下汇款 · 运营" };

const TONE = { 待确认: "amber", 已到账: "green", 已拒绝: "slate" } as const;

/** 线下汇款: customers' transfer notices; 确认到账 credits once (audited), 驳回 needs a reason. */
export default async function OpsTransfers() {
  const ctx = await opsPage();
  if (!ctx) return null;
  const rows = await listTransfers(ctx.db);
  const pending = rows.filter((r) => r.status === "待确认");
  const decided = rows.filter((r) => r.status !== "待确认");
  return (
    <>
      <PageHeader title="线下汇款" description="客户提交的汇款信息。核对银行到账后确认入账（每笔只入账一次，记入操作审计）；未查到的请驳回并说明原因。" />
      <div className="space-y-6">
        <Card title={`待确认（${pending.length}）`}>
          {pending.length === 0 ? (
            <EmptyState title="没有待确认的汇款" />
          ) : (
            <Table head={["提交时间", "账号", "金额", "汇款人户名", "流水号", "操作"]} caption="待确认的汇款">
              {pending.map((t) => (
                <tr key={t.id}>
                  <Td>{shTime(t.createdAt)}</Td>
                  <Td>{t.email}</Td>
                  <Td className="tabular-nums font-medium text-slate-900">{cny(t.amountFen)}</Td>
                  <Td>{t.payerName}</Td>
                  <Td className="font-mono text-xs">{t.reference}</Td>
                  <Td>
                    <div className="flex gap-2">
                      <ConfirmAction
                        label="确认到账"
                        title="确认到账"
                        description={<p>向 {t.email} 的账户余额入账 <strong>{cny(t.amountFen)}</strong>（汇款人 {t.payerName}，流水号 {t.reference}）。请先在银行流水中核对到账。</p>}
                        confirmLabel="确认入账"
                        confirmVariant="primary"
                        variant="primary"
                        action={confirmTransferAction}
                        fields={{ id: t.id }}
                      />
                      <ReasonAction label="驳回" title="驳回汇款申请" description={<p>客户会在账户余额页看到驳回原因。</p>} confirmLabel="确认驳回" action={rejectTransferAction} fields={{ id: t.id }} />
                    </div>
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="最近处理">
          {decided.length === 0 ? (
            <EmptyState title="暂无处理记录" />
          ) : (
            <Table head={["提交时间", "账号", "金额", "汇款人户名", "流水号", "状态", "处理时间", "说明"]} caption="已处理的汇款">
              {decided.map((t) => (
                <tr key={t.id}>
                  <Td>{shTime(t.createdAt)}</Td>
                  <Td>{t.email}</Td>
                  <Td className="tabular-nums">{cny(t.amountFen)}</Td>
                  <Td>{t.payerName}</Td>
                  <Td className="font-mono text-xs">{t.reference}</Td>
                  <Td><Badge tone={TONE[t.status]}>{t.status}</Badge></Td>
                  <Td>{shTime(t.decidedAt)}</Td>
                  <Td className="whitespace-normal">{t.reason || "—"}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
