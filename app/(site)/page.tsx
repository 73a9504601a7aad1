import { ButtonLink } from "@/components/ui";
import { ApiShowcase, HeroVisual, QuickStart } from "@/components/product-visual";
import { AdvantageCards, ScenarioGrid } from "@/components/site-sections";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { API_TITLES, IMAGE_LIMITS, pathTemplate } from "@/lib/catalogue/apis";
import { samplesFor } from "@/lib/docs/samples";
import { VISUALS, apiCards } from "@/lib/docs/visuals";

/** The curl sample of the docs (lib/docs/samples.ts), for the general API. */
async function curlSample(): Promise<string> {
  const path = pathTemplate("general").replace("{serviceCode}", "[服务码]");
  return samplesFor("general", await publicOrigin(), path).find((s) => s.lang === "Bash")!.code;
}

export default async function Home() {
  return (
    <main>
      <section className="overflow-hidden bg-gradient-to-b from-brand-50 to-slate-50">
        <div className="mx-auto grid max-w-6xl grid-cols-1 items-center gap-12 px-4 py-14 sm:py-20 lg:grid-cols-2">
          <div>
            <p className="text-sm font-medium text-brand-600">大数据与 AI · 文字识别</p>
            <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">印刷文字识别 OCR</h1>
            <p className="mt-4 text-base leading-7 text-slate-600">
              帮助您进行通用型 OCR、身份证识别与车牌识别。签名鉴权的 HTTP API，按年资源包计费，控制台实时查看调用量、响应时间与告警。
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <ButtonLink href="/console/apps?new=1" prefetch={false}>立即使用</ButtonLink>
              <ButtonLink href="/docs" variant="secondary">
                查看 API 文档
              </ButtonLink>
            </div>
            <dl className="mt-10 grid max-w-md grid-cols-3 gap-4 text-sm">
              <div>
                <dt className="text-slate-500">API</dt>
                <dd className="mt-1 text-xl font-semibold text-slate-900">3 个</dd>
              </div>
              <div>
                <dt className="text-slate-500">单次请求</dt>
                <dd className="mt-1 text-xl font-semibold text-slate-900">{IMAGE_LIMITS.maxImages} 张</dd>
              </div>
              <div>
                <dt className="text-slate-500">图片格式</dt>
                <dd className="mt-1 text-xl font-semibold text-slate-900">4 种</dd>
              </div>
            </dl>
          </div>
          <HeroVisual visual={VISUALS.general} title={`${API_TITLES.general} · 识别结果`} />
        </div>
      </section>
      <section className="mx-auto max-w-6xl px-4 py-14" aria-labelledby="apis">
        <h2 id="apis" className="text-xl font-semibold text-slate-900">
          三大 API
        </h2>
        <p className="mt-2 text-sm text-slate-600">每张示例图片都由本平台的识别引擎实际识别；返回字段取自接口的响应定义。</p>
        <div className="mt-6">
          <ApiShowcase cards={apiCards()} visuals={VISUALS} />
        </div>
      </section>
      <section className="border-y border-slate-200 bg-white" aria-labelledby="quick">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <h2 id="quick" className="text-xl font-semibold text-slate-900">
            开发者快速接入
          </h2>
          <p className="mt-2 mb-8 text-sm text-slate-600">三步完成接入，Python、Node.js 与 EOP 签名示例见 API 文档。</p>
          <QuickStart curl={await curlSample()} />
        </div>
      </section>
      <section className="mx-auto max-w-6xl px-4 py-12">
        <h2 className="text-lg font-semibold text-slate-900">使用场景</h2>
        <ScenarioGrid className="mt-4" />
      </section>
      <section className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-12">
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
        </div>
      </section>
    </main>
  );
}
