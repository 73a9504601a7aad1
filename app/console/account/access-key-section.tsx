/** 账户's AccessKey card (its own section, server-rendered list; the client component acts). */
import { getDb } from "@/db";
import { AccessKeys } from "@/components/access-keys";
import { Card } from "@/components/ui";
import { listAccessKeys, MAX_ACCESS_KEYS } from "@/lib/accounts/access-keys";
import { shTime } from "@/lib/format";

export async function AccessKeySection({ userId }: { userId: string }) {
  const keys = await listAccessKeys(await getDb(), userId);
  return (
    <div id="access-keys" className="scroll-mt-20 lg:col-span-2">
      <Card title="AccessKey">
        <AccessKeys
          max={MAX_ACCESS_KEYS}
          keys={keys.map((k) => ({ id: k.id, ak: k.ak, active: k.status === "active", createdAt: shTime(k.createdAt), lastUsedAt: k.lastUsedAt ? shTime(k.lastUsedAt) : null }))}
        />
      </Card>
    </div>
  );
}
