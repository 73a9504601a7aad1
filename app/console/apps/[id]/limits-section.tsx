/** An application's 调用限制 card: QPS within the account's ceiling, daily caps per API, IP allow-list. */
import { getDb } from "@/db";
import { AppLimitsForm } from "@/components/app-limits";
import { Card } from "@/components/ui";
import { API_KINDS, API_LABELS } from "@/lib/catalogue/apis";
import { dailyCallsToday, getAppLimits, MAX_ALLOW_ENTRIES } from "@/lib/apps/limits";

export async function LimitsSection({ userId, appId }: { userId: string; appId: string }) {
  const db = await getDb();
  const [limits, today] = await Promise.all([getAppLimits(db, userId, appId), dailyCallsToday(db, appId)]);
  if (!limits) return null;
  return (
    <div id="limits" className="scroll-mt-20">
      <Card title="调用限制">
        <AppLimitsForm
          appId={appId}
          qps={limits.qps}
          qpsCeiling={limits.qpsCeiling}
          caps={API_KINDS.map((api) => ({ api, label: API_LABELS[api], cap: limits.dailyCaps[api] ?? null, today: today[api] ?? 0 }))}
          ipAllow={limits.ipAllow}
          maxEntries={MAX_ALLOW_ENTRIES}
        />
      </Card>
    </div>
  );
}
