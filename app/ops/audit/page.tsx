import type { Metadata } from "next";
import { EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { Pager, SearchBar } from "@/components/ops/bits";
import { SelectFilter } from "@/components/ops/forms";
import { cny, count, shTime } from "@/lib/format";
import { AUDIT_ACTIONS, changedFields, listAudit } from "@/lib/ops/audit";
import { listQuerySchema } from "@/lib/ops/schemas";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "操作审计 · 运营" };

export const dynamic = "force-dynamic";

const FIELD_LABELS: Record<string, string> = {
  unitPriceFen: "单价",
  betaPriceFen: "公测价",
  betaEndsAt: "公测截止",
  rateLimitPerSec: "QPS 上限",
  status: "状态",
  disabledReason: "停用原因",
  cancelReason: "作废原因",
  balanceFen: "余额",
  calls: "免费次数",
  days: "有效天数",
  amountFen: "面额",
  amountOffFen: "减免",
  thresholdFen: "门槛",
  percentOff: "折扣 %",
  expiresAt: "到期",
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as an operator reads it: fen as ¥, ISO times in Beijing time. */
function show(field: string, v: unknown): string {
  if (v === undefined || v === null) return "—";
  if (field.endsWith("Fen") && typeof v === "number") return cny(v);
  if (typeof v === "string") return ISO.test(v) ? shTime(v) : v;
  return JSON.stringify(v);
}

/** Before → after, field by field; issued records (no before) list what was created. */
function Diff({ before, after }: { before: unknown; after: unknown }) {
  const fields = changedFields(before, after);
  if (fields.length === 0) return <span className="text-slate-400">—</span>;
  const created = before === null || before === undefined;
  return (
    <ul className="space-y-0.5 text-xs">
      {fields.slice(0, created ? 6 : 12).map((f) => (
        <li key={f.field} className="whitespace-normal break-all">
          <span className="text-slate-500">{FIELD_LABELS[f.field] ?? f.field}</span>{" "}
          {created ? (
            <span>{show(f.field, f.after)}</span>
          ) : (
            <>
              <del className="text-red-600">{show(f.field, f.before)}</del> → <ins className="text-emerald-700 no-underline">{show(f.field, f.after)}</ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export default async function OpsAudit({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const sp = await searchParams;
  const f = listQuerySchema.parse(sp);
  const action = typeof sp.action === "string" && sp.action in AUDIT_ACTIONS ? sp.action : "";
  const { rows, total, pages } = await listAudit(ctx.db, { ...f, action: action || undefined });
  return (
    <>
      <PageHeader title="操作审计" description={`所有运营操作：谁、做了什么、修改前后、何时（共 ${count(total)} 条）`} />
      <SearchBar action="/ops/audit" q={f.q} placeholder="对象 ID、操作人邮箱或原因">
        <SelectFilter
          name="action"
          label="操作类型"
          value={action}
          options={[{ value: "", label: "全部操作" }, ...Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))]}
        />
      </SearchBar>
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的操作记录" />
      ) : (
        <>
        {/* a phone gets one card per entry; wider screens the table */}
        <ul className="space-y-3 sm:hidden" aria-label="操作审计">
          {rows.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900">{AUDIT_ACTIONS[r.action] ?? r.action}</span>
                <span className="text-xs text-slate-500">{shTime(r.createdAt)}</span>
              </div>
              <p className="mt-1 break-all text-slate-600">{r.actorEmail ?? r.actorId}</p>
              <p className="mt-1 break-all font-mono text-xs text-slate-500">
                {r.targetType}:{r.targetId}
              </p>
              <div className="mt-2">
                <Diff before={r.before} after={r.after} />
              </div>
              {r.reason && <p className="mt-2 text-slate-700">原因：{r.reason}</p>}
            </li>
          ))}
        </ul>
        <div className="hidden sm:block">
        <Table head={["时间", "操作人", "操作", "对象", "修改内容", "原因"]} caption="操作审计">
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <Td>{shTime(r.createdAt)}</Td>
              <Td>{r.actorEmail ?? r.actorId}</Td>
              <Td>{AUDIT_ACTIONS[r.action] ?? r.action}</Td>
              <Td className="font-mono text-xs">
                {r.targetType}:{r.targetId}
              </Td>
              <Td className="min-w-[16rem] max-w-md whitespace-normal">
                <Diff before={r.before} after={r.after} />
              </Td>
              <Td className="max-w-xs whitespace-normal">{r.reason || "—"}</Td>
            </tr>
          ))}
        </Table>
        </div>
        </>
      )}
      <Pager base="/ops/audit" page={f.page} pages={pages} params={{ ...(f.q ? { q: f.q } : {}), ...(action ? { action } : {}) }} />
    </>
  );
}
