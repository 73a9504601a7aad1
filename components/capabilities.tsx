import { ClaimFreeButton } from "./claim-free-button";
import { Badge, ButtonLink, Table, Td } from "./ui";
import type { Capability, CapabilityStatus } from "@/lib/apps/capabilities";
import { count, shDate } from "@/lib/format";

const statusTone: Record<CapabilityStatus, "amber" | "green" | "red" | "slate"> = {
  待付费: "amber",
  已开通: "green",
  已用完: "red",
  已过期: "slate",
};

function Usage({ c }: { c: Capability }) {
  if (c.total === 0) return <span className="text-slate-400">—</span>;
  return (
    <div className="leading-5">
      <div>
        剩余 <span className="font-medium text-slate-900">{count(c.remaining)}</span> / {count(c.total)} 次
      </div>
      <div className="text-xs text-slate-500">最近到期 {shDate(c.nearestExpiry)}</div>
    </div>
  );
}

function Actions({ appId, c, freeCalls }: { appId: string; c: Capability; freeCalls: number }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      <ButtonLink href={`/console/apps/${appId}/buy/${c.api}`} className="h-8 px-3" aria-label={`购买${c.label}资源包`}>
        购买
      </ButtonLink>
      {!c.freeClaimed && <ClaimFreeButton appId={appId} api={c.api} calls={freeCalls} />}
    </div>
  );
}

/** 我的能力: a table on wide screens, one card per API on a phone (so 购买 is never scrolled away). */
export function Capabilities({ appId, caps, freeCalls }: { appId: string; caps: Capability[]; freeCalls: number }) {
  return (
    <>
      <div className="hidden md:block">
        <Table head={["API", "状态", "用量限制", "购买次数", "操作"]} caption="我的能力">
          {caps.map((c) => (
            <tr key={c.api} data-testid={`capability-${c.api}`}>
              <Td className="font-medium text-slate-900">{c.label}</Td>
              <Td>
                <Badge tone={statusTone[c.status]}>{c.status}</Badge>
              </Td>
              <Td>
                <Usage c={c} />
              </Td>
              <Td>{c.packsBought > 0 ? `${c.packsBought} 个资源包` : "—"}</Td>
              <Td>
                <Actions appId={appId} c={c} freeCalls={freeCalls} />
              </Td>
            </tr>
          ))}
        </Table>
      </div>
      <ul className="space-y-3 md:hidden" aria-label="我的能力">
        {caps.map((c) => (
          <li key={c.api} className="rounded-md border border-slate-200 p-4 text-sm">
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium text-slate-900">{c.label}</span>
              <Badge tone={statusTone[c.status]}>{c.status}</Badge>
            </div>
            <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-y-2">
              <dt className="text-slate-500">用量限制</dt>
              <dd>
                <Usage c={c} />
              </dd>
              <dt className="text-slate-500">购买次数</dt>
              <dd>{c.packsBought > 0 ? `${c.packsBought} 个资源包` : "—"}</dd>
            </dl>
            <div className="mt-3">
              <Actions appId={appId} c={c} freeCalls={freeCalls} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
