import { describe, expect, it } from "vitest";
import { computeSign } from "@/lib/signature";
import { renderSamples, sampleBody, SECRET_MASK, PLACEHOLDER_IMAGE_B64, type SignedSample } from "./samples";
import { checkImageBytes } from "./validate";

const appKey = "0123456789abcdef0123456789abcdef";
const secret = "s3cr3t-AppSecret-value_0123456789abcdefgh";
const path = "/v1/aiop/api/abcdefghjkmnpqrstvwxyz012/driven-plate-ocr/plateLicense.json";
const body = sampleBody();
const timestamp = "1790000000000";
const sample: SignedSample = {
  api: "plate",
  url: "https://ocr.example.com" + path,
  path,
  appKey,
  timestamp,
  sign: computeSign(appKey, secret, timestamp, path, body),
  body,
  ak: "fedcba9876543210fedcba9876543210",
};

/** Undoes the shell single quoting of the curl sample. */
const unquote = (s: string) => s.replace(/^'|'$/g, "").replace(/'\\''/g, "'");

describe("code samples", () => {
  it("uses a real, accepted 32×32 image as the placeholder", () => {
    const bytes = Uint8Array.from(atob(PLACEHOLDER_IMAGE_B64), (c) => c.charCodeAt(0));
    expect(checkImageBytes(bytes)).toEqual({ ok: true, format: "png", width: 32, height: 32 });
    expect(JSON.parse(body)).toEqual({ data: [PLACEHOLDER_IMAGE_B64] });
  });

  it("curl sends exactly the body, URL and headers the Sign covers", () => {
    const { curl } = renderSamples(sample, null);
    const data = unquote(/--data ('.*')$/m.exec(curl)![1]!);
    const header = (name: string) => unquote(new RegExp(`-H ('${name}: [^']*')`).exec(curl)![1]!).split(": ")[1];
    expect(data).toBe(body);
    expect(curl).toContain(`'${sample.url}'`);
    expect(header("Sign")).toBe(computeSign(header("AppKey")!, secret, header("Timestamp")!, path, data));
  });

  it("Python and Node samples carry the same body, Timestamp and Sign", () => {
    const { python, node } = renderSamples(sample, null);
    expect(unquote(/^body = ('.*')$/m.exec(python)![1]!)).toBe(body);
    expect(python).toContain(`sign = "${sample.sign}"`);
    expect(python).toContain(`timestamp = "${timestamp}"`);
    expect(python).toContain(`path = "${path}"`);
    expect(JSON.parse(/^const body = (.*);$/m.exec(node)![1]!)).toBe(body);
    expect(node).toContain(`let sign = "${sample.sign}";`);
  });

  it("masks the AppSecret unless it was revealed", () => {
    const masked = renderSamples(sample, null);
    for (const text of Object.values(masked)) expect(text).not.toContain(secret);
    expect(masked.python).toContain(`app_secret = "${SECRET_MASK}"`);
    const shown = renderSamples(sample, secret);
    expect(shown.python).toContain(`app_secret = "${secret}"`);
    expect(shown.node).toContain(`const appSecret = "${secret}";`);
  });
  it("offers Python and Node.js with the EOP signature, filled with the AppKey, the account's AK and the same body, SK left to the owner", () => {
    const out = renderSamples(sample, null);
    for (const code of [out["python-eop"], out["node-eop"]]) {
      expect(code).toContain(sample.ak!);
      expect(code).toContain(appKey);
      expect(code).toContain(sample.url);
      expect(code).toContain(PLACEHOLDER_IMAGE_B64);
      expect(code).toContain("Eop-Authorization");
      expect(code).toContain("账户 AccessKey 的 SK");
      expect(code).not.toContain(secret);
    }
    expect(renderSamples({ ...sample, ak: null }, null)["python-eop"]).toContain("账户 AccessKey 的 AK");
  });
});
