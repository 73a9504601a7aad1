import { PageHeader, Card } from "@/components/ui";

export default function OpsHome() {
  return (
    <>
      <PageHeader title="运营概览" description="跨租户的用量、订单与收入" />
      <Card title="运营">
        <p className="text-sm text-slate-600">运营功能建设中。</p>
      </Card>
    </>
  );
}
