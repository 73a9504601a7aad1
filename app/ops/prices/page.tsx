import type { Metadata } from "next";
import { Badge, Card, PageHeader } from "@/components/ui";
import { FreeQuotaForm, JobRetentionForm, PriceHead, PriceRowForm } from "@/components/ops/forms";
import { cny, shTime, tierLabel } from "@/lib/format";
import { dateToShanghaiLocal, fenToYuanInput } from "@/lib/ops/money";
import { listPrices } from "@/lib/ops/prices";
import { getFreeQuota } from "@/lib/ops/settings";
import { retentionDays } from "@/lib/jobs/limits";
import { effectiveUnitPrice } from "@/lib/pricing/quote";
import { API_LABELS } from "@/lib/catalogue/apis";
import { API_KINDS } from "@/db/schema";
import { updateFreeQuotaAction, updateJobRetentionAction, updatePriceAction } from "../actions";
import { opsPage } from "../_server/guard";

export const metadata: Metadata = { title: "价格与额度 · 运营" };

export const dynamic = "force-dynamic";

export default async function OpsPrices() {
  const ctx = await opsPage();
  if (!ctx) return null;
  const [rows, fq, keepDays] = await Promise.all([listPrices(ctx.db), getFreeQuota(ctx.db), retentionDays(ctx.db)]);
  const now = new Date();
  return (
    <>
      <PageHeader title="价格与额度" description="资源包价格（每年）即时生效：定价页、选择配置与新订单都读取此表；已下单的订单保留下单时的价格。下方另有免费额度、每个账户的应用数与异步任务结果的保留天数。" />
      <div className="space-y-6">
        {API_KINDS.map((api) => (
          <Card key={api} title={API_LABELS[api]}>
            <PriceHead />
            {rows
              .filter((r) => r.api === api)
              .map((r) => {
                const eff = effectiveUnitPrice(r, now);
                const name = `${API_LABELS[api]} ${tierLabel(r.tier)}/年`;
                return (
                  <PriceRowForm
                    key={`${r.api}-${r.tier}`}
                    action={updatePriceAction}
                    api={r.api}
                    tier={r.tier}
                    name={name}
                    unitPrice={fenToYuanInput(r.unitPriceFen)}
                    betaPrice={r.betaPriceFen == null ? "" : fenToYuanInput(r.betaPriceFen)}
                    betaEndsAt={r.betaEndsAt ? dateToShanghaiLocal(r.betaEndsAt) : ""}
                    effective={
                      <>
                        现价 {cny(eff.unitPriceFen)} {eff.inBeta ? <Badge tone="blue">公测至 {shTime(r.betaEndsAt)}</Badge> : null}
                      </>
                    }
                  />
                );
              })}
          </Card>
        ))}
        <Card title="免费额度">
          <FreeQuotaForm action={updateFreeQuotaAction} calls={fq.calls} days={fq.days} maxApps={fq.maxApps} />
        </Card>
        <Card title="异步任务结果保留">
          <JobRetentionForm action={updateJobRetentionAction} days={keepDays} />
        </Card>
      </div>
    </>
  );
}
