import { EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { Pager, SearchBar } from "@/components/ops/bits";
import { SelectFilter } from "@/components/ops/forms";
import { count, shTime } from "@/lib/format";
import { AUDIT_ACTIONS, changedFields, listAudit } from "@/lib/ops/audit";
import { listQuerySchema } from "@/lib/ops/schemas";
import { opsPage } from "../_server/guard";

export const dynamic = "force-dynamic";

const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** Before → after, field by field; issued records (no before) list what was created. */
function Diff({ before, after }: { before: unknown; after: unknown }) {
  const fields = changedFields(before, after);
  if (fields.length === 0) return <span className="text-slate-400">—</span>;
  const created = before === null || before === undefined;
  return (
    <ul className="space-y-0.5 text-xs">
      {fields.slice(0, created ? 6 : 12).map((f) => (
        <li key={f.field} className="whitespace-normal break-all">
          <span className="font-mono text-slate-500">{f.field}</span>{" "}
          {created ? (
            <span>{show(f.after)}</span>
          ) : (
            <>
              <del className="text-red-600">{show(f.before)}</del> → <ins className="text-emerald-700 no-underline">{show(f.after)}</ins>
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
      )}
      <Pager base="/ops/audit" page={f.page} pages={pages} params={{ ...(f.q ? { q: f.q } : {}), ...(action ? { action } : {}) }} />
    </>
  );
}
