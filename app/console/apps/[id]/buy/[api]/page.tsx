import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { BuyForm } from "@/components/buy-form";
import { PageHeader } from "@/components/ui";
import { API_KINDS } from "@/db/schema";
import { getApp } from "@/lib/apps/queries";
import { shTime } from "@/lib/format";
import { tierOffers } from "@/lib/orders/catalog";
import { parseCartQuery } from "@/lib/orders/schemas";
import { API_LABELS } from "@/lib/catalogue/apis";
import { Breadcrumbs, SECTION } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "选择配置" };

type Params = { id: string; api: string };

export default async function BuyPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ q?: string }> }) {
  const { id, api } = await params;
  const { q } = await searchParams;
  const kind = API_KINDS.find((k) => k === api);
  if (!kind) notFound();
  const { db, user } = await requireUser();
  const app = await getApp(db, user.id, id);
  if (!app) notFound();
  const offers = await tierOffers(db, kind, new Date());
  return (
    <>
      <Breadcrumbs items={[SECTION.apps, { label: app.name, href: `/console/apps/${app.id}` }, { label: "选择配置" }]} />
      <PageHeader title={API_LABELS[kind]} description={`为应用“${app.name}”购买${API_LABELS[kind]}次数包，自购买起一年内有效。`} />
      <BuyForm
        appId={app.id}
        api={kind}
        initial={parseCartQuery(q)}
        offers={offers.map((o) => ({ tier: o.tier, unitPriceFen: o.unitPriceFen, listPriceFen: o.listPriceFen, betaEndsAt: o.inBeta && o.betaEndsAt ? shTime(o.betaEndsAt) : null, inBeta: o.inBeta }))}
      />
    </>
  );
}
