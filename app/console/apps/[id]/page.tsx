import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { AppKeys } from "@/components/app-secret";
import { Capabilities } from "@/components/capabilities";
import { ConfirmAction } from "@/components/confirm-action";
import { CopyButton } from "@/components/copy-button";
import { Alert, Badge, ButtonLink, Card, DescList, PageHeader } from "@/components/ui";
import { appCapabilities } from "@/lib/apps/capabilities";
import { getApp, serviceCodesOf } from "@/lib/apps/queries";
import { operatorDisabledMessage } from "@/lib/apps/status";
import { requestUrl } from "@/lib/apps/urls";
import { env } from "@/lib/env";
import { count, shTime } from "@/lib/format";
import { claimedFreeApis, freeQuotaTerms } from "@/lib/quota/free";
import { deleteAppAction, setDisabledAction } from "../actions";
import { LimitsSection } from "./limits-section";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "我的能力" };

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, user } = await requireUser();
  const app = await getApp(db, user.id, id);
  if (!app) notFound();
  const now = new Date();
  const [appCaps, codes, terms, origin, claimed] = await Promise.all([
    appCapabilities(db, app.id, now),
    serviceCodesOf(db, app.id),
    freeQuotaTerms(db),
    publicOrigin(),
    claimedFreeApis(db, user.id),
  ]);
  // free quota is once per person and API: claimed on another application (or switched off) hides the button here
  const caps = appCaps.map((c) => ({ ...c, freeClaimed: c.freeClaimed || claimed.has(c.api) || terms.calls === 0 }));
  const active = app.status === "active";
  const heldByPlatform = !active && app.disabledBy === "operator";
  const graceOn = app.prevSecretExpiresAt && app.prevSecretExpiresAt > now;

  return (
    <>
      <Breadcrumbs items={[SECTION.apps, { label: app.name }]} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {app.name} {active ? <Badge tone="green">启用</Badge> : heldByPlatform ? <Badge tone="red">平台停用</Badge> : <Badge tone="slate">已停用</Badge>}
          </span>
        }
        description={app.description || "未填写应用概述"}
        actions={
          <>
            {active ? (
              <ConfirmAction
                label="停用应用"
                title="停用应用"
                confirmLabel="确认停用"
                action={setDisabledAction}
                fields={{ appId: app.id, disabled: "true" }}
                description={<p>停用后，该应用的所有接口调用都会被拒绝（4017）。资源包、密钥和服务码保持不变，可随时重新启用。</p>}
              />
            ) : heldByPlatform ? null : (
              <ConfirmAction
                label="启用应用"
                title="启用应用"
                confirmLabel="确认启用"
                confirmVariant="primary"
                action={setDisabledAction}
                fields={{ appId: app.id, disabled: "false" }}
                description={<p>启用后，该应用可以继续调用已开通的接口。</p>}
              />
            )}
            <ConfirmAction
              label="删除应用"
              title="删除应用"
              confirmLabel="确认删除"
              variant="danger"
              action={deleteAppAction}
              fields={{ appId: app.id }}
              description={
                <>
                  <p>
                    确定删除应用“<strong className="text-slate-900">{app.name}</strong>”吗？
                  </p>
                  <p>删除后该应用的接口调用会被立即拒绝，剩余资源包次数不会退还，且无法恢复。订单记录仍可在“订单管理”中查看。</p>
                </>
              }
            />
          </>
        }
      />
      {!active && (
        <div className="mb-4">
          {heldByPlatform ? (
            <Alert tone="red">{operatorDisabledMessage(app.disabledReason)}</Alert>
          ) : (
            <Alert tone="amber">该应用已停用：所有接口调用都会被拒绝。需要时请点击“启用应用”。</Alert>
          )}
        </div>
      )}

      <div className="space-y-6">
        <Card title="我的能力">
          {!user.verifiedAt && (
            <div className="mb-4">
              <Alert tone="amber">
                领取免费额度与购买资源包前需完成实名认证。
                <Link href={`/console/account?returnTo=${encodeURIComponent(`/console/apps/${app.id}`)}#verify`} className="ml-1 font-medium underline">
                  去实名认证
                </Link>
              </Alert>
            </div>
          )}
          <Capabilities appId={app.id} caps={caps} freeCalls={terms.calls} />
          <p className="mt-3 text-xs leading-5 text-slate-500">
            {terms.calls > 0 ? `每位实名认证用户的每个接口可领取一次免费额度（同一身份证号的账户共用，不按应用重复发放）：${count(terms.calls)} 次，有效期 ${terms.days} 天。` : "平台暂未提供免费额度。"}资源包可叠加，自购买起一年内有效，到期未用完的次数不结转、不退订；次数用完后接口调用将被拒绝。
            <Link href="/pricing" className="ml-1 whitespace-nowrap text-brand-600 hover:underline">
              查看定价
            </Link>
          </p>
        </Card>

        <Card title="密钥">
          {graceOn && (
            <div className="mb-4">
              <Alert tone="amber">AppSecret 已重置：旧密钥在 {shTime(app.prevSecretExpiresAt)} 前仍可使用，之后将被拒绝。</Alert>
            </div>
          )}
          <AppKeys appId={app.id} appKey={app.appKey} graceHours={env().SECRET_GRACE_HOURS} />
        </Card>

        <LimitsSection userId={user.id} appId={app.id} />

        <Card title="服务码与请求地址" actions={
            <>
              <ButtonLink href={`/console/apps/${app.id}/jobs`} variant="ghost" className="h-8 px-2">
                异步任务
              </ButtonLink>
              <ButtonLink href="/docs" variant="ghost" className="h-8 px-2">
                查看 API 文档
              </ButtonLink>
            </>
          }>
          <div className="space-y-4">
            {caps.map((c) => {
              const url = requestUrl(origin, c.api, codes[c.api]);
              return (
                <div key={c.api} className="rounded-md border border-slate-100 p-3">
                  <DescList
                    items={[
                      { label: "接口", value: <span className="font-medium">{c.label}</span> },
                      { label: "服务码", value: <code className="font-mono text-xs" data-testid={`code-${c.api}`}>{codes[c.api]}</code> },
                      {
                        label: "请求 URL（POST）",
                        value: (
                          <span className="flex flex-wrap items-center gap-2">
                            <code className="break-all font-mono text-xs">{url}</code>
                            <CopyButton text={url} label={`复制${c.label}请求 URL`} />
                          </span>
                        ),
                      },
                    ]}
                  />
                </div>
              );
            })}
          </div>
        </Card>

        <Card title="应用信息">
          <DescList
            items={[
              { label: "应用 ID", value: <code className="font-mono text-xs">{app.id}</code> },
              { label: "创建时间", value: shTime(app.createdAt) },
              { label: "调用频率限制", value: `${app.rateLimitPerSec} 次/秒` },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
