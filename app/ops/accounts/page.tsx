import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { RealNameBadge } from "@/components/real-name-badge";
import { Pager, SearchBar } from "@/components/ops/bits";
import { CreditDialog, QpsCeilingDialog, ReasonAction } from "@/components/ops/forms";
import { cny, count, shDate } from "@/lib/format";
import { listAccounts } from "@/lib/ops/accounts-admin";
import { listQuerySchema } from "@/lib/ops/schemas";
import { creditAction, setAccountStatusAction, setQpsCeilingAction } from "../actions";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "账号 · 运营" };

export const dynamic = "force-dynamic";

export default async function OpsAccounts({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const f = listQuerySchema.parse(await searchParams);
  const { rows, total, pages } = await listAccounts(ctx.db, f);
  return (
    <>
      <PageHeader title="账号" description={`共 ${count(total)} 个账号`} />
      <SearchBar action="/ops/accounts" q={f.q} placeholder="邮箱、姓名或账号 ID" />
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的账号" />
      ) : (
        <Table head={["账号", "状态", "应用", "QPS 上限", "已完成订单", "余额", "注册时间", "操作"]} caption="账号列表">
          {rows.map((u) => (
            <tr key={u.id}>
              <Td>
                <p className="font-medium text-slate-900">{u.email}</p>
                <p className="text-xs text-slate-500">{u.name || "—"}</p>
              </Td>
              <Td>
                <div className="flex gap-1">
                  <RealNameBadge role={u.role} verified={u.verified} />
                  {u.disabled && <Badge tone="red">已停用</Badge>}
                </div>
              </Td>
              <Td className="tabular-nums">
                <Link className="text-brand-600 hover:underline" href={`/ops/apps?q=${encodeURIComponent(u.email)}`} aria-label={`${u.email} 的应用`}>
                  {u.apps}
                </Link>
              </Td>
              <Td>
                <QpsCeilingDialog action={setQpsCeilingAction} userId={u.id} email={u.email} value={u.qpsCeiling} />
              </Td>
              <Td className="tabular-nums">
                {u.paidOrders} 笔 · {cny(u.paidFen)}
              </Td>
              <Td className="tabular-nums font-medium">{cny(u.balanceFen)}</Td>
              <Td>{shDate(u.createdAt)}</Td>
              <Td>
                <div className="flex items-center gap-1">
                  <CreditDialog action={creditAction} userId={u.id} email={u.email} />
                  <Link className="rounded px-2 py-1 text-sm text-brand-600 hover:bg-brand-50" href={`/ops/promotions?email=${encodeURIComponent(u.email)}`}>
                    发券
                  </Link>
                  {u.id === ctx.user.id ? null : u.disabled ? (
                    <ReasonAction
                      action={setAccountStatusAction}
                      label="恢复账号"
                      title={`恢复账号 ${u.email}`}
                      description="恢复后，该账号可以重新登录，其应用可以重新调用接口（被单独停用的应用仍保持停用）。"
                      confirmLabel="确认恢复"
                      confirmVariant="primary"
                      fields={{ userId: u.id, status: "active" }}
                    />
                  ) : (
                    <ReasonAction
                      action={setAccountStatusAction}
                      label="停用账号"
                      title={`停用账号 ${u.email}`}
                      description="停用立即生效：该账号无法登录，已登录的会话失效，其全部应用的接口调用都会被拒绝。账号数据保持不变，可随时恢复。"
                      confirmLabel="确认停用"
                      fields={{ userId: u.id, status: "disabled" }}
                      variant="danger"
                    />
                  )}
                </div>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager base="/ops/accounts" page={f.page} pages={pages} params={f.q ? { q: f.q } : {}} />
    </>
  );
}
