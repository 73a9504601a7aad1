import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, DescList, EmptyState, PageHeader, Table, Td } from "@/components/ui";
import { AppStatusBadge } from "@/components/ops/bits";
import { RateLimitForm, ReasonAction } from "@/components/ops/forms";
import { count, shDate, shTime, tierLabel } from "@/lib/format";
import { getAppAdmin } from "@/lib/ops/apps-admin";
import { listAudit } from "@/lib/ops/audit";
import { AUDIT_ACTIONS } from "@/lib/ops/audit";
import { listPacks, packState, type PackState } from "@/lib/ops/packs-admin";
import { API_LABELS } from "@/lib/catalogue/apis";
import { cancelPackAction, revokePrevSecretAction, setAppStatusAction, setRateLimitAction } from "../../actions";
import { opsPage } from "../../_server/guard";

export const metadata: Metadata = { title: "应用详情 · 运营" };

export const dynamic = "force-dynamic";

const PACK_BADGE: Record<PackState, { tone: "green" | "slate" | "red" | "amber" | "blue"; label: string }> = {
  active: { tone: "green", label: "生效中" },
  pending: { tone: "blue", label: "未开始" },
  used_up: { tone: "amber", label: "已用完" },
  expired: { tone: "slate", label: "已过期" },
  cancelled: { tone: "red", label: "已作废" },
};
const SOURCE: Record<string, string> = { free: "免费额度", order: "订单", operator: "运营发放", seed: "演示数据" };

export default async function OpsAppDetail({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await opsPage();
  if (!ctx) return null;
  const { id } = await params;
  const app = await getAppAdmin(ctx.db, id);
  if (!app) notFound();
  const [packs, audit] = await Promise.all([listPacks(ctx.db, id), listAudit(ctx.db, { q: id, limit: 10 })]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title={app.name}
        description={
          <>
            <Link className="text-brand-600 hover:underline" href="/ops/apps">
              应用
            </Link>{" "}
            / {app.ownerEmail}
          </>
        }
        actions={
          app.deletedAt ? null : app.status === "active" || app.disabledBy !== "operator" ? (
            <ReasonAction
              action={setAppStatusAction}
              label="停用应用"
              title={`停用应用「${app.name}」`}
              description="停用后，该应用的所有 API 调用都会被拒绝，用户不能自行启用，直到运营重新启用。资源包、密钥与服务码保持不变。"
              confirmLabel="确认停用"
              fields={{ appId: app.id, status: "disabled" }}
              variant="danger"
            />
          ) : (
            <ReasonAction
              action={setAppStatusAction}
              label="启用应用"
              title={`启用应用「${app.name}」`}
              description="启用后，该应用可以重新调用 API。"
              confirmLabel="确认启用"
              confirmVariant="primary"
              fields={{ appId: app.id, status: "active" }}
            />
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="应用信息">
          <DescList
            items={[
              { label: "状态", value: <AppStatusBadge status={app.status} deleted={!!app.deletedAt} /> },
              ...(app.disabledReason ? [{ label: "停用原因", value: `${app.disabledReason}（${app.disabledBy === "operator" ? "平台停用" : "用户停用"}）` }] : []),
              ...(app.prevSecretExpiresAt && app.prevSecretExpiresAt > now
                ? [
                    {
                      label: "旧密钥",
                      value: (
                        <span className="flex flex-wrap items-center gap-2">
                          宽限期至 {shTime(app.prevSecretExpiresAt)}
                          <ReasonAction
                            action={revokePrevSecretAction}
                            label="立即作废旧密钥"
                            title="立即作废旧密钥"
                            description="用户轮换密钥后，旧 AppSecret 在宽限期内仍可签名。作废后，用旧密钥签名的请求立即被拒绝（4014）。"
                            confirmLabel="确认作废"
                            fields={{ appId: app.id }}
                            variant="danger"
                          />
                        </span>
                      ),
                    },
                  ]
                : []),
              { label: "应用 ID", value: <span className="font-mono text-xs">{app.id}</span> },
              { label: "AppKey", value: <span className="font-mono text-xs">{app.appKey}</span> },
              { label: "所属账号", value: app.ownerEmail },
              { label: "创建时间", value: shTime(app.createdAt) },
              ...(app.deletedAt ? [{ label: "删除时间", value: shTime(app.deletedAt) }] : []),
            ]}
          />
        </Card>
        <Card title="限流">
          <p className="mb-3 text-sm text-slate-600">每秒最多接受的调用次数，超出时网关返回限流错误。</p>
          <RateLimitForm action={setRateLimitAction} appId={app.id} value={app.rateLimitPerSec} />
        </Card>
      </div>
      <div className="mt-6 space-y-6">
        <Card title="资源包">
          {packs.length === 0 ? (
            <EmptyState title="该应用还没有资源包" />
          ) : (
            <Table head={["API", "规格", "来源", "已用 / 总量", "有效期", "状态", "作废原因", ""]} caption="资源包">
              {packs.map((p) => {
                const st = packState(p, now);
                return (
                  <tr key={p.id}>
                    <Td>{API_LABELS[p.api]}</Td>
                    <Td>{tierLabel(p.tier)}</Td>
                    <Td>{SOURCE[p.source] ?? p.source}</Td>
                    <Td className="tabular-nums">
                      {count(p.callsUsed)} / {count(p.callsTotal)}
                    </Td>
                    <Td>
                      {shDate(p.startsAt)} ~ {shDate(p.expiresAt)}
                    </Td>
                    <Td>
                      <Badge tone={PACK_BADGE[st].tone}>{PACK_BADGE[st].label}</Badge>
                    </Td>
                    <Td className="max-w-xs truncate">{p.cancelReason ?? "—"}</Td>
                    <Td>
                      {p.status === "active" ? (
                        <ReasonAction
                          action={cancelPackAction}
                          label="作废"
                          title="作废资源包"
                          description={`作废后，该资源包剩余的 ${count(Math.max(0, p.callsTotal - p.callsUsed))} 次调用不能再使用，且不可恢复。`}
                          confirmLabel="确认作废"
                          fields={{ packId: p.id }}
                          variant="ghost"
                        />
                      ) : null}
                    </Td>
                  </tr>
                );
              })}
            </Table>
          )}
        </Card>
        <Card title="该应用的运营操作">
          {audit.rows.length === 0 ? (
            <p className="text-sm text-slate-500">暂无。</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {audit.rows.map((r) => (
                <li key={r.id} className="flex flex-wrap gap-x-3">
                  <span className="text-slate-500">{shTime(r.createdAt)}</span>
                  <span className="font-medium">{AUDIT_ACTIONS[r.action] ?? r.action}</span>
                  <span className="text-slate-600">{r.actorEmail}</span>
                  {r.reason && <span className="text-slate-600">原因：{r.reason}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
