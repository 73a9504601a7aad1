import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { ConfirmOrderForm } from "@/components/confirm-order-form";
import { Card, PageHeader, Table, Td } from "@/components/ui";
import { API_KINDS } from "@/db/schema";
import { getApp } from "@/lib/apps/queries";
import { shTime, tierLabel, yuan } from "@/lib/format";
import { tierOffers } from "@/lib/orders/catalog";
import { cartQuery, parseCartQuery } from "@/lib/orders/schemas";
import { lineAmount } from "@/lib/pricing/quote";
import { API_LABELS } from "@/lib/catalogue/apis";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "确认配置" };

export default async function ConfirmPage({ params, searchParams }: { params: Promise<{ id: string; api: string }>; searchParams: Promise<{ q?: string }> }) {
  const { id, api } = await params;
  const kind = API_KINDS.find((k) => k === api);
  if (!kind) notFound();
  const { db, user } = await requireUser();
  const app = await getApp(db, user.id, id);
  if (!app) notFound();
  const items = parseCartQuery((await searchParams).q);
  const back = `/console/apps/${app.id}/buy/${kind}`;
  if (items.length === 0) redirect(back);
  const q = cartQuery(items);
  const offers = new Map((await tierOffers(db, kind, new Date())).map((o) => [o.tier, o]));
  const rows = items.filter((i) => offers.has(i.tier)).map((i) => ({ ...i, offer: offers.get(i.tier)! }));
  const total = rows.reduce((s, r) => s + lineAmount(r.offer.unitPriceFen, r.quantity), 0);

  return (
    <>
      <Breadcrumbs items={[SECTION.apps, { label: app.name, href: `/console/apps/${app.id}` }, { label: "选择配置", href: `${back}?q=${q}` }, { label: "确认配置" }]} />
      <PageHeader title="确认配置" description={`应用：${app.name}`} />
      <div className="space-y-6">
        <Card title="配置" actions={<Link href={`${back}?q=${q}`} className="text-sm text-brand-600 hover:underline">编辑</Link>}>
          <Table head={["产品名称", "计费方式", "规格", "公测截止时间", "购买数量", "单价"]} caption="确认配置">
            {rows.map((r) => (
              <tr key={r.tier}>
                <Td className="font-medium text-slate-900">{API_LABELS[kind]}</Td>
                <Td>次数包</Td>
                <Td>{tierLabel(r.tier)}</Td>
                <Td>{r.offer.inBeta && r.offer.betaEndsAt ? shTime(r.offer.betaEndsAt) : "—"}</Td>
                <Td>{r.quantity}</Td>
                <Td className="tabular-nums">¥{yuan(r.offer.unitPriceFen)}</Td>
              </tr>
            ))}
          </Table>
        </Card>
        <ConfirmOrderForm appId={app.id} api={kind} q={q} totalFen={total} backHref={`${back}?q=${q}`} />
      </div>
    </>
  );
}
