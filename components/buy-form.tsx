"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { tierLabel, yuan } from "@/lib/format";
import { lineAmount } from "@/lib/pricing/quote";
import { Button, ButtonLink, Card, Table, Td } from "./ui";

export interface OfferView {
  tier: number;
  unitPriceFen: number;
  /** the list price, charged after the beta */
  listPriceFen: number;
  /** 公测截止时间, already formatted in Asia/Shanghai, or null */
  betaEndsAt: string | null;
  inBeta: boolean;
}

const MAX = 99;

function toQuery(cart: Record<number, number>): string {
  return Object.entries(cart)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([t, n]) => `${t}:${n}`)
    .join(",");
}

/** 选择配置: five tiers with steppers, 配置清单 with 清空, 费用合计, and 下一步：确认配置. The cart lives in ?q=. */
export function BuyForm({ appId, api, offers, initial }: { appId: string; api: string; offers: OfferView[]; initial: { tier: number; quantity: number }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [cart, setCart] = useState<Record<number, number>>(() => Object.fromEntries(initial.map((i) => [i.tier, i.quantity])));

  function update(next: Record<number, number>) {
    setCart(next);
    const q = toQuery(next);
    router.replace(q ? `${pathname}?q=${q}` : pathname, { scroll: false });
  }
  const setQty = (tier: number, n: number) => update({ ...cart, [tier]: Math.max(0, Math.min(MAX, Number.isFinite(n) ? Math.trunc(n) : 0)) });

  const chosen = offers.filter((o) => (cart[o.tier] ?? 0) > 0);
  const total = chosen.reduce((s, o) => s + lineAmount(o.unitPriceFen, cart[o.tier]!), 0);
  const q = toQuery(cart);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card title="选择配置">
        <ul className="divide-y divide-slate-100 sm:hidden" aria-label="选择配置">
          {offers.map((o) => (
            <li key={o.tier} className="flex items-center justify-between gap-3 py-3">
              <div className="text-sm">
                <p className="font-medium text-slate-900">{tierLabel(o.tier)}</p>
                <p className="tabular-nums text-slate-700">
                  <UnitPrice o={o} />
                </p>
                <p className="text-xs text-slate-500">公测截止时间 {o.betaEndsAt ?? "—"}</p>
              </div>
              <Stepper label={tierLabel(o.tier)} n={cart[o.tier] ?? 0} onChange={(v) => setQty(o.tier, v)} />
            </li>
          ))}
        </ul>
        <div className="hidden sm:block">
          <Table head={["规格", "公测截止时间", "单价", "购买数量"]} caption="选择配置">
            {offers.map((o) => {
              const n = cart[o.tier] ?? 0;
              const label = tierLabel(o.tier);
              return (
                <tr key={o.tier} data-testid={`tier-${o.tier}`}>
                  <Td className="font-medium text-slate-900">{label}</Td>
                  <Td>{o.betaEndsAt ?? "—"}</Td>
                  <Td className="tabular-nums">
                    <UnitPrice o={o} />
                  </Td>
                  <Td>
                    <Stepper label={label} n={n} onChange={(v) => setQty(o.tier, v)} />
                  </Td>
                </tr>
              );
            })}
          </Table>
        </div>
        <p className="mt-3 text-xs text-slate-500">每个次数包自购买起一年内有效；可购买多个，次数叠加。单个规格最多 {MAX} 个。</p>
      </Card>

      <div className="space-y-4 lg:sticky lg:top-20 lg:self-start">
        <Card
          title="配置清单"
          actions={
            <button type="button" onClick={() => update({})} disabled={chosen.length === 0} className="text-sm text-brand-600 hover:underline disabled:text-slate-400 disabled:no-underline">
              清空
            </button>
          }
        >
          {chosen.length === 0 ? (
            <p className="text-sm text-slate-500">尚未选择资源包</p>
          ) : (
            <table className="w-full text-sm" aria-label="配置清单">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="pb-1 font-normal">规格</th>
                  <th className="pb-1 font-normal">购买数量</th>
                  <th className="pb-1 text-right font-normal">价格</th>
                </tr>
              </thead>
              <tbody>
                {chosen.map((o) => (
                  <tr key={o.tier}>
                    <td className="py-1">{tierLabel(o.tier)}</td>
                    <td className="py-1">{cart[o.tier]}</td>
                    <td className="py-1 text-right tabular-nums">{yuan(lineAmount(o.unitPriceFen, cart[o.tier]!))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="mt-4 border-t border-slate-100 pt-3">
            <p className="text-sm text-slate-500">费用合计</p>
            <p className="text-2xl font-semibold text-orange-600 tabular-nums" data-testid="cart-total">
              ¥{yuan(total)}元
            </p>
            <p className="mt-2 text-sm text-slate-600">配置费用 ¥{yuan(total)}</p>
            <p className="text-xs text-slate-500">
              参考价格，具体扣费请以账单为准。
              <Link href="/pricing" className="text-brand-600 hover:underline">了解计费详情</Link>
            </p>
          </div>
          <div className="mt-4">
            {chosen.length === 0 ? (
              <Button disabled className="w-full">下一步：确认配置</Button>
            ) : (
              <ButtonLink href={`/console/apps/${appId}/buy/${api}/confirm?q=${q}`} className="w-full">
                下一步：确认配置
              </ButtonLink>
            )}
          </div>
        </Card>
      </div>
    </div>
  );
}

/** ¥0.00, and during the beta the price that applies after it. */
function UnitPrice({ o }: { o: OfferView }) {
  return (
    <>
      ¥{yuan(o.unitPriceFen)}
      {o.inBeta && o.listPriceFen !== o.unitPriceFen && (
        <span className="ml-2 text-xs text-slate-500">
          {o.unitPriceFen === 0 ? "公测期间免费，" : ""}公测后 <s>¥{yuan(o.listPriceFen)}</s>
        </span>
      )}
    </>
  );
}

function Stepper({ label, n, onChange }: { label: string; n: number; onChange: (n: number) => void }) {
  return (
    <div className="inline-flex shrink-0 items-center rounded-md border border-slate-300">
      <button type="button" aria-label={`减少${label}`} disabled={n <= 0} onClick={() => onChange(n - 1)} className="h-8 w-8 text-slate-600 hover:bg-slate-100 disabled:text-slate-300">
        −
      </button>
      <input
        aria-label={`${label}购买数量`}
        inputMode="numeric"
        value={n}
        onChange={(e) => onChange(Number(e.target.value.replace(/\D/g, "") || 0))}
        className="h-8 w-12 border-x border-slate-300 text-center text-sm tabular-nums focus:outline-none"
      />
      <button type="button" aria-label={`增加${label}`} disabled={n >= MAX} onClick={() => onChange(n + 1)} className="h-8 w-8 text-slate-600 hover:bg-slate-100 disabled:text-slate-300">
        +
      </button>
    </div>
  );
}
