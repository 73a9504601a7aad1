import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { NavSelect } from "@/components/charts/nav-select";
import { Badge, ButtonLink, Card, cx, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { evaluateForUser } from "@/lib/alerts/evaluate";
import { listEvents, type EventStatusFilter } from "@/lib/alerts/events";
import { KIND_INFO, LEVEL_LABEL, subjectLabel, type AlertLevel } from "@/lib/alerts/kinds";
import { listRules } from "@/lib/alerts/rules";
import { getWebhookSettings, listDeliveries, MAX_ATTEMPTS, SIGNATURE_HEADER } from "@/lib/alerts/webhook";
import { listApps } from "@/lib/apps/queries";
import { shTime } from "@/lib/format";
import { AckAllButton, AckButton, RuleForm, WebhookForm } from "./_components/forms";

export const metadata: Metadata = { title: "应用告警" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const levelTone: Record<AlertLevel, "red" | "amber" | "blue"> = { critical: "red", warning: "amber", info: "blue" };
const STATUS_TABS: { value: EventStatusFilter; label: string }[] = [
  { value: "", label: "全部" },
  { value: "未处理", label: "未处理" },
  { value: "已处理", label: "已处理" },
];

export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const { db, user } = await requireUser();
  const status = (["未处理", "已处理"] as const).find((s) => s === one(sp.status)) ?? "";
  const appList = await listApps(db, user.id);
  await evaluateForUser(db, user.id); // current even between scheduler ticks; raising is deduplicated
  const ruleApp = appList.find((a) => a.id === one(sp.app)) ?? appList[0];
  const [events, rules, webhook, deliveries] = await Promise.all([
    listEvents(db, user.id, { status }),
    ruleApp ? listRules(db, user.id, ruleApp.id) : Promise.resolve([]),
    getWebhookSettings(db, user.id),
    listDeliveries(db, user.id, 20),
  ]);
  const open = events.filter((e) => e.status === "未处理").length;
  const q = (patch: Record<string, string>) => {
    const p = new URLSearchParams({ ...(status ? { status } : {}), ...(ruleApp ? { app: ruleApp.id } : {}), ...patch });
    for (const [k, v] of [...p.entries()]) if (!v) p.delete(k);
    return `/console/alerts?${p}`;
  };

  return (
    <>
      <PageHeader title="应用告警" description="应用使用过程中的异常：额度不足或用完、资源包到期、错误率、响应时间、签名失败与每日调用上限。" />

      <Card title="告警事件">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <nav aria-label="状态" className="flex rounded-md border border-slate-300 bg-white p-0.5">
            {STATUS_TABS.map((t) => (
              <Link
                key={t.label}
                href={q({ status: t.value })}
                aria-current={t.value === status ? "page" : undefined}
                className={cx("whitespace-nowrap rounded px-3 py-1 text-sm", t.value === status ? "bg-brand-600 text-white" : "text-slate-600 hover:text-brand-600")}
              >
                {t.label}
              </Link>
            ))}
          </nav>
          {open > 0 && <AckAllButton />}
        </div>
        {events.length === 0 ? (
          <EmptyState title={status ? `没有${status}的告警` : "暂无告警"} description="规则触发时，告警会出现在这里，并推送到您设置的 Webhook。" />
        ) : (
          <div className="-mx-5 -mb-5">
            <Table head={["级别", "时间", "内容", "状态"]} caption="告警事件">
              {events.map((e) => (
                <tr key={e.id} data-testid="alert-row" data-kind={e.kind}>
                  <Td>
                    <Badge tone={levelTone[e.level]}>{LEVEL_LABEL[e.level]}</Badge>
                  </Td>
                  <Td className="tabular-nums">
                    {shTime(e.openedAt)}
                    {e.clearedAt && <div className="text-xs text-slate-400">恢复于 {shTime(e.clearedAt)}</div>}
                  </Td>
                  <Td className="min-w-64 whitespace-normal">
                    <div className="font-medium text-slate-800">
                      {KIND_INFO[e.kind].label} · {subjectLabel(e.subject)}
                      <span className="ml-2 text-xs font-normal text-slate-500">{e.appName}</span>
                    </div>
                    <div className="text-slate-500">{e.message}</div>
                  </Td>
                  <Td>
                    <span className="flex flex-wrap items-center gap-1.5">
                      {e.status === "未处理" ? <Badge tone="amber">未处理</Badge> : <Badge tone="green">已处理</Badge>}
                      {e.clearedAt ? <span className="text-xs text-slate-400">已恢复</span> : <span className="text-xs text-red-600">持续中</span>}
                    </span>
                    {e.status === "未处理" ? <AckButton eventId={e.id} /> : <div className="text-xs text-slate-400">处理于 {shTime(e.ackedAt)}</div>}
                  </Td>
                </tr>
              ))}
            </Table>
          </div>
        )}
      </Card>

      <Card
        className="mt-6"
        title="告警规则"
        actions={
          ruleApp && (
            <NavSelect label="应用" value={ruleApp.id} options={appList.map((a) => ({ value: a.id, label: a.name, href: q({ app: a.id }) }))} />
          )
        }
      >
        {!ruleApp ? (
          <EmptyState title="还没有应用" description="每个应用创建时都会带上一组默认规则。" action={<ButtonLink href="/console/apps?new=1">创建应用</ButtonLink>} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {rules.map((r) => {
              const info = KIND_INFO[r.kind];
              return (
                <li key={r.id} data-testid="rule-row" data-kind={r.kind} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 lg:flex-row lg:items-center lg:justify-between">
                  <div className="min-w-0">
                    <div className="flex items-center gap-2 text-sm font-medium text-slate-800">
                      {info.label}
                      <Badge tone={levelTone[info.level]}>{LEVEL_LABEL[info.level]}</Badge>
                      {!r.enabled && <Badge>已停用</Badge>}
                    </div>
                    <div className="text-sm text-slate-500">{info.describe(r.threshold)}</div>
                  </div>
                  <RuleForm ruleId={r.id} enabled={r.enabled} threshold={r.threshold} unit={info.unit} fixed={info.max === 0} />
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <Card className="mt-6" title="Webhook 通知">
        <div className="grid gap-6 lg:grid-cols-2">
          <WebhookForm url={webhook.url ?? ""} hasSecret={webhook.hasSecret} />
          <div className="min-w-0 space-y-2 text-sm leading-6 text-slate-600">
            <p>告警产生（alert.opened）和恢复（alert.resolved）时，我们向该地址 POST 一个 JSON：</p>
            <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-5 text-slate-100">{`{"type":"alert.opened","created":1717000000,
 "alert":{"id":"alt_…","app_id":"app_…","app_name":"…",
  "kind":"quota_exhausted","subject":"general",
  "level":"critical","message":"…",
  "opened_at":"2024-05-29T08:00:00.000Z","cleared_at":null}}`}</pre>
            <p>
              请求头 <code className="rounded bg-slate-100 px-1">{SIGNATURE_HEADER}: t=&lt;unix 秒&gt;,v1=&lt;签名&gt;</code>，签名为以签名密钥计算的{" "}
              <code className="rounded bg-slate-100 px-1">HMAC-SHA256(&quot;t.原始请求体&quot;)</code> 的十六进制小写串。请用原始请求体验证签名，并拒绝 t 与当前时间相差 5 分钟以上的请求。
            </p>
            <p>返回 2xx 即视为送达；否则按 30 秒、1、2、4、8 分钟的间隔重试，最多 {MAX_ATTEMPTS} 次。</p>
          </div>
        </div>
        <h3 className="mb-2 mt-6 text-sm font-medium text-slate-700">投递记录</h3>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-500">暂无投递。</p>
        ) : (
          <Table head={["时间", "类型", "状态", "尝试次数", "最后结果", "下次重试"]} caption="Webhook 投递记录">
            {deliveries.map((d) => (
              <tr key={d.id}>
                <Td className="tabular-nums">{shTime(d.createdAt)}</Td>
                <Td>{d.type}</Td>
                <Td>{d.status === "delivered" ? <Badge tone="green">已送达</Badge> : d.status === "failed" ? <Badge tone="red">失败</Badge> : <Badge tone="amber">重试中</Badge>}</Td>
                <Td className="tabular-nums">{d.attempts}</Td>
                <Td className="max-w-64 truncate">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "—")}</Td>
                <Td className="tabular-nums">{d.status === "pending" ? shTime(d.nextAttemptAt) : "—"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
