import { Badge } from "./ui";

/**
 * An account's real-name status as every page shows it. Operators need no 实名认证 (they do
 * not buy or call on their own behalf), so they are shown as 运营账号, never 未实名.
 */
export function RealNameBadge({ role, verified }: { role: "customer" | "operator"; verified: boolean }) {
  if (role === "operator") return <Badge tone="blue">运营账号</Badge>;
  return verified ? <Badge tone="green">已实名</Badge> : <Badge tone="amber">未实名</Badge>;
}
