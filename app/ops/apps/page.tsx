import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { AppStatusBadge, Pager, SearchBar } from "@/components/ops/bits";
import { SelectFilter } from "@/components/ops/forms";
import { count, shDate } from "@/lib/format";
import { listApps } from "@/lib/ops/apps-admin";
import { listQuerySchema } from "@/lib/ops/schemas";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "应用 · 运营" };

export const dynamic = "force-dynamic";

export default async function OpsApps({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const sp = await searchParams;
  const f = listQuerySchema.parse(sp);
  const status = sp.status === "active" || sp.status === "disabled" ? sp.status : undefined;
  const { rows, total, pages } = await listApps(ctx.db, { ...f, status });
  return (
    <>
      <PageHeader title="应用" description={`共 ${count(total)} 个应用（含已删除）`} />
      <SearchBar action="/ops/apps" q={f.q} placeholder="应用名称、AppKey 或账号邮箱">
        <SelectFilter
          name="status"
          label="状态"
          value={status ?? ""}
          options={[
            { value: "", label: "全部状态" },
            { value: "active", label: "正常" },
            { value: "disabled", label: "已停用" },
          ]}
        />
      </SearchBar>
      {rows.length === 0 ? (
        <EmptyState title="没有符合条件的应用" />
      ) : (
        <Table head={["应用名称", "所属账号", "状态", "QPS 上限", "有效资源包", "创建时间", ""]} caption="应用列表">
          {rows.map((a) => (
            <tr key={a.id}>
              <Td className="font-medium text-slate-900">{a.name}</Td>
              <Td>{a.ownerEmail}</Td>
              <Td>
                <AppStatusBadge status={a.status} deleted={!!a.deletedAt} />
              </Td>
              <Td className="tabular-nums">{a.rateLimitPerSec}</Td>
              <Td className="tabular-nums">{a.activePacks}</Td>
              <Td>{shDate(a.createdAt)}</Td>
              <Td>
                <Link className="text-brand-600 hover:underline" href={`/ops/apps/${a.id}`} aria-label={`管理 ${a.name}`}>
                  管理
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager base="/ops/apps" page={f.page} pages={pages} params={{ ...(f.q ? { q: f.q } : {}), ...(status ? { status } : {}) }} />
    </>
  );
}
