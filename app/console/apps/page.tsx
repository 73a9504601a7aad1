import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { NewAppButton } from "@/components/app-dialog";
import { Alert, Badge, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { listApps } from "@/lib/apps/queries";
import { shTime } from "@/lib/format";

export const metadata: Metadata = { title: "我的应用" };

export default async function AppsPage({ searchParams }: { searchParams: Promise<{ new?: string; deleted?: string }> }) {
  const { db, user } = await requireUser();
  const sp = await searchParams;
  const list = await listApps(db, user.id);
  return (
    <>
      <PageHeader
        title="我的应用"
        description="每个应用有独立的 AppKey、AppSecret 与各接口的服务码；资源包按应用和接口购买。"
        actions={<NewAppButton initialOpen={sp.new === "1"} />}
      />
      {sp.deleted === "1" && (
        <div className="mb-4">
          <Alert tone="green">应用已删除，其接口调用将被拒绝。</Alert>
        </div>
      )}
      {list.length === 0 ? (
        <EmptyState title="还没有应用" description="点击右上角“新的应用”创建第一个 OCR 应用，然后在“我的能力”中领取免费额度或购买资源包。" />
      ) : (
        <Table head={["应用名称", "应用概述", "AppKey", "状态", "创建时间", "操作"]} caption="我的应用">
          {list.map((a) => (
            <tr key={a.id} className="hover:bg-slate-50">
              <Td>
                <Link href={`/console/apps/${a.id}`} className="font-medium text-brand-600 hover:underline">
                  {a.name}
                </Link>
              </Td>
              <Td className="max-w-[16rem] truncate text-slate-500">{a.description || "—"}</Td>
              <Td className="font-mono text-xs">{a.appKey}</Td>
              <Td>{a.status === "active" ? <Badge tone="green">启用</Badge> : <Badge tone="slate">已停用</Badge>}</Td>
              <Td className="text-slate-500">{shTime(a.createdAt)}</Td>
              <Td>
                <Link href={`/console/apps/${a.id}`} className="text-brand-600 hover:underline">
                  我的能力
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
