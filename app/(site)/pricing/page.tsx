import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { Badge, ButtonLink, Table, Td } from "@/components/ui";
import { betaEnd, publicPriceTable } from "@/lib/docs/prices";
import { cny, shTime, tierLabel } from "@/lib/format";
import { LEGAL, titled } from "@/lib/legal/documents";

export const metadata: Metadata = { title: "定价" };

const RULES = [
  "每个 API 设置五档年度资源包：1000次/年、1万次/年、10万次/年、100万次/年、1000万次/年。例如预计每年调用身份证识别约 50 万次，可购买五个 10万次/年 的资源包。",
  "资源包可叠加：同一应用同一接口的多个资源包次数相加，优先扣减最早到期的资源包。",
  "有效期一年：资源包自支付成功起一年内有效，调用次数从资源包中抵扣。",
  "不结转：有效期内未使用的次数不会流转至下一年。",
  "不可退订：对于有效期内未使用的剩余调用次数，不支持退订。",
  "用完即停：有效期内资源包次数用完后，该接口的调用将被拒绝（4019），购买新的资源包后恢复。",
];

export default async function PricingPage() {
  await connection(); // the price list is read on every request: operators change it
  const tables = await publicPriceTable(await getDb());
  const ends = betaEnd(tables);
  return (
    <main className="mx-auto max-w-6xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">定价</h1>
      <p className="mt-3 max-w-3xl leading-7 text-slate-600">
        OCR 产品采用封顶资源包的方式订购，按应用和接口购买。新建应用后，每个接口还可领取一次免费额度。
      </p>
      {ends && (
        <p role="note" className="mt-4 max-w-3xl rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm leading-6 text-brand-700">
          <strong>公测期间免费</strong>：公测截止时间 {shTime(ends)}（北京时间）前购买的资源包按公测价（标注“公测期间免费”的规格为 ¥0.00）结算，
          公测结束后按划线价格收费；已购买的资源包在有效期内照常使用。
        </p>
      )}

      <div className="mt-8 grid gap-8 lg:grid-cols-3">
        {tables.map((t) => (
          <section key={t.api} aria-labelledby={`price-${t.api}`}>
            <h2 id={`price-${t.api}`} className="mb-3 text-lg font-semibold text-slate-900">
              {t.label}
            </h2>
            <Table head={["规格", "价格"]} caption={`${t.label}资源包价格`}>
              {t.rows.map((r) => (
                <tr key={r.tier}>
                  <Td>{tierLabel(r.tier)}/年</Td>
                  <Td>
                    {r.betaPriceFen !== null ? (
                      <div className="leading-5">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-semibold text-slate-900">{cny(r.betaPriceFen)}</span>
                          <Badge tone="blue">{r.betaPriceFen === 0 ? "公测期间免费" : "公测价"}</Badge>
                        </div>
                        <div className="text-xs text-slate-500">
                          公测后 <s>{cny(r.unitPriceFen)}</s>
                          {r.betaEndsAt && <> · 公测至 {shTime(r.betaEndsAt)}</>}
                        </div>
                      </div>
                    ) : (
                      <span className="font-semibold text-slate-900">{cny(r.unitPriceFen)}</span>
                    )}
                  </Td>
                </tr>
              ))}
            </Table>
          </section>
        ))}
      </div>

      <section aria-labelledby="rules" className="mt-12 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="rules" className="text-lg font-semibold text-slate-900">
          订购说明
        </h2>
        <ol className="mt-4 list-decimal space-y-2 pl-5 text-sm leading-6 text-slate-600">
          {RULES.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ol>
        <p className="mt-4 text-sm text-slate-500">
          购买前需完成实名认证。订购即表示同意
          <Link href={LEGAL.beta.href} className="text-brand-600 hover:underline">
            {titled("beta")}
          </Link>
          。
        </p>
        <div className="mt-6">
          <ButtonLink href="/console/apps?new=1" prefetch={false}>立即使用</ButtonLink>
        </div>
      </section>
    </main>
  );
}
