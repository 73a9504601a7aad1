import type { DbOrTx } from "@/db";
import { quotaPacks, type QuotaPack } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";
import { newId } from "@/lib/id";

export const PACK_VALIDITY_DAYS = 365;

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 24 * 3600 * 1000);
}

/** Activates one pack of `calls` for an application and API, valid one year from `now`. */
export async function grantPack(
  db: DbOrTx,
  p: {
    appId: string;
    api: ApiKind;
    calls: number;
    source: QuotaPack["source"];
    orderId?: string | null;
    now?: Date;
    validityDays?: number;
  },
): Promise<QuotaPack> {
  const now = p.now ?? new Date();
  const [pack] = await db
    .insert(quotaPacks)
    .values({
      id: newId("pck"),
      appId: p.appId,
      api: p.api,
      tier: p.calls,
      callsTotal: p.calls,
      source: p.source,
      orderId: p.orderId ?? null,
      startsAt: now,
      expiresAt: addDays(now, p.validityDays ?? PACK_VALIDITY_DAYS),
    })
    .returning();
  return pack!;
}
