import Link from "next/link";
import { ButtonLink } from "@/components/ui";
import { AdvantageCards, ScenarioGrid } from "@/components/site-sections";
import { API_TITLES } from "@/lib/catalogue/apis";

const apis = [
  { href: "/products/general", name: API_TITLES.general, text: "针对图片中的文字进行 OCR 检测，返回检测到的文字内容及坐标信息。" },
  { href: "/products/idcard", name: API_TITLES.idcard, text: "返回身份证姓名、住址、身份证号等信息，人像面可提供人脸图片，并判定原件或复印件。" },
  { href: "/products/plate", name: API_TITLES.plate, text: "针对图片中的车牌进行检测，返回车牌号码、颜色类型、置信度及车牌位置坐标。" },
];

export default function Home() {
  return (
    <main>
      <section className="bg-gradient-to-b from-brand-50 to-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <p className="text-sm font-medium text-brand-600">大数据与 AI · 文字识别</p>
          <h1 className="mt-3 max-w-2xl text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">印刷文字识别 OCR</h1>
          <p className="mt-4 max-w-2xl text-base leading-7 text-slate-600">
            帮助您进行通用型 OCR、身份证识别与车牌识别。签名鉴权的 HTTP API，按年资源包计费，控制台实时查看调用量、响应时间与告警。
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href="/console/apps?new=1">立即使用</ButtonLink>
            <ButtonLink href="/docs" variant="secondary">
              查看 API 文档
            </ButtonLink>
          </div>
        </div>
      </section>
      <section className="mx-auto max-w-6xl px-4 py-12">
        <h2 className="text-lg font-semibold text-slate-900">产品功能</h2>
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {apis.map((a) => (
            <Link key={a.href} href={a.href} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500">
              <h3 className="font-semibold text-slate-900">{a.name}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{a.text}</p>
            </Link>
          ))}
        </div>
      </section>
      <section className="border-y border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-12">
          <h2 className="text-lg font-semibold text-slate-900">使用场景</h2>
          <ScenarioGrid className="mt-4" />
        </div>
      </section>
      <section className="mx-auto max-w-6xl px-4 py-12">
        <h2 className="text-lg font-semibold text-slate-900">产品优势</h2>
        <AdvantageCards className="mt-4" />
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/pricing" variant="secondary">
            查看定价
          </ButtonLink>
          <ButtonLink href="/faq" variant="ghost">
            常见问题
          </ButtonLink>
        </div>
      </section>
    </main>
  );
}
