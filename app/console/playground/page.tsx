import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { Playground, type PlaygroundApp } from "@/components/playground/playground";
import { ButtonLink, EmptyState, PageHeader } from "@/components/ui";
import { listApps } from "@/lib/apps/queries";
import { remainingByApi } from "@/lib/quota/remaining";

export const metadata: Metadata = { title: "在线调试" };

export default async function PlaygroundPage({ searchParams }: { searchParams: Promise<{ app?: string }> }) {
  const { db, user } = await requireUser();
  const [{ app: wanted }, apps] = await Promise.all([searchParams, listApps(db, user.id)]);
  const now = new Date();
  // Only what the page needs: never the AppSecret (it stays on the server, which signs each call).
  const views: PlaygroundApp[] = await Promise.all(
    apps.map(async (a) => ({ id: a.id, name: a.name, active: a.status === "active", remaining: await remainingByApi(db, a.id, now) })),
  );
  // the application asked for (?app=), else the active one with the most calls left
  const total = (a: PlaygroundApp) => (a.active ? Object.values(a.remaining).reduce((n, x) => n + x, 0) : -1);
  const initial = views.find((a) => a.id === wanted) ?? [...views].sort((a, b) => total(b) - total(a))[0];
  return (
    <>
      <PageHeader title="在线调试" description="选择应用和接口，上传图片，直接调用真实接口查看识别结果与返回 JSON，并获取同一请求的代码示例。" />
      {initial ? (
        <Playground apps={views} initialAppId={initial.id} />
      ) : (
        <EmptyState
          title="还没有应用"
          description="在线调试使用应用的 AppKey 与 AppSecret 签名调用接口，请先创建一个应用。"
          action={<ButtonLink href="/console/apps">创建应用</ButtonLink>}
        />
      )}
    </>
  );
}
