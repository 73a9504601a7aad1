import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { Badge, ButtonLink, Card, PageHeader, Table, Td } from "@/components/ui";
import { API_KINDS } from "@/db/schema";
import { API_LABELS } from "@/lib/catalogue/apis";
import { count } from "@/lib/format";
import { getOverview } from "@/lib/monitoring";

export const metadata: Metadata = { title: "控制台" };

function Left({ n, opened }: { n: number; opened: boolean }) {
  if (!opened) return <span className="text-slate-400">未开通</span>;
  if (n === 0) return <span className="text-red-600">0</span>;
  return <span className={n < 100 ? "text-amber-700" : "text-slate-800"}>{count(n)}</span>;
}

export default async function ConsoleHome() {
  const { db, user } = await requireUser();
  const rows = await getOverview(db, user.id, new Date());
  const totals = rows.reduce((s, r) => ({ calls: s.calls + r.callsToday, failed: s.failed + r.failedToday, alerts: s.alerts + r.openAlerts }), { calls: 0, failed: 0, alerts: 0 });
  return (
    <>
      <PageHeader title="控制台概览" description={`欢迎，${user.name || user.email}`} actions={<ButtonLink href="/console/apps?new=1">新的应用</ButtonLink>} />
      {rows.length === 0 ? (
        <Card title="快速开始">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600">
            <li>在“我的应用”中创建应用，获取 AppKey、AppSecret 与各接口的服务码。</li>
            <li>在“我的能力”中领取免费额度或购买资源包。</li>
            <li>按 API 文档签名调用，或先在“在线调试”中上传图片试用。</li>
          </ol>
        </Card>
      ) : (
        <>
          <div className="mb-6 grid grid-cols-3 gap-3">
            <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
              <div className="text-xs text-slate-500">今日请求</div>
              <div data-testid="today-calls" className="mt-1 text-xl font-semibold tabular-nums">{count(totals.calls)}</div>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
              <div className="text-xs text-slate-500">今日失败</div>
              <div data-testid="today-failed" className={`mt-1 text-xl font-semibold tabular-nums ${totals.failed ? "text-red-600" : ""}`}>
                {count(totals.failed)}
              </div>
            </div>
            <Link href="/console/alerts?status=未处理" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-brand-500">
              <div className="text-xs text-slate-500">未处理告警</div>
              <div data-testid="open-alerts" className={`mt-1 text-xl font-semibold tabular-nums ${totals.alerts ? "text-amber-700" : ""}`}>
                {count(totals.alerts)}
              </div>
            </Link>
          </div>
          <Table head={["应用", ...API_KINDS.map((k) => `${API_LABELS[k]} 剩余`), "今日请求 / 失败", "未处理告警", ""]} caption="应用概览">
            {rows.map((r) => (
              <tr key={r.id} data-testid="overview-row">
                <Td>
                  <Link href={`/console/apps/${r.id}`} className="font-medium text-brand-600 hover:underline">
                    {r.name}
                  </Link>
                  {r.status !== "active" && (
                    <span className="ml-2">
                      <Badge>已停用</Badge>
                    </span>
                  )}
                </Td>
                {API_KINDS.map((k) => (
                  <Td key={k} className="tabular-nums">
                    <Left n={r.left[k]} opened={r.opened.includes(k)} />
                  </Td>
                ))}
                <Td className="tabular-nums">
                  {count(r.callsToday)} / <span className={r.failedToday ? "text-red-600" : ""}>{count(r.failedToday)}</span>
                </Td>
                <Td>{r.openAlerts > 0 ? <Link href="/console/alerts?status=未处理"><Badge tone="amber">{r.openAlerts} 条</Badge></Link> : <span className="text-slate-400">—</span>}</Td>
                <Td className="space-x-3 text-sm">
                  <Link href={`/console/monitor?app=${r.id}`} className="text-brand-600 hover:underline">
                    监控
                  </Link>
                  <Link href={`/console/apps/${r.id}/calls`} className="text-brand-600 hover:underline">
                    调用记录
                  </Link>
                </Td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}
