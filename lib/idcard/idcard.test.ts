import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { EngineError } from "../engine/types";
import { recognizeIdcard, formatBirthday } from "./index";
import { renderedCards, renderIdcard, renderCardPhoto, renderTextPage, randomIdentity, type RenderedCard } from "../render";
import { corpusFile, corpusManifest } from "@/tests/fixtures/corpus";

describe("real specimen cards (tests/fixtures/corpus/idcard, Apache-2.0 and MIT sources)", () => {
  const manifest = corpusManifest("idcard");
  it.each(manifest.map((e) => [e.file, e] as const))("%s: side, fields as printed, checksum flag, risk", async (_f, e) => {
    const r = await recognizeIdcard(corpusFile("idcard", e.file));
    expect(r.note).toBe(e.note);
    for (const [k, v] of Object.entries(e.detail)) {
      const want = k === "birthday" ? formatBirthday(v) : v;
      expect(r.detail[k as keyof typeof r.detail], k).toBe(want);
    }
    expect(Object.keys(r.detail).sort()).toEqual(["addr", "birthday", "idn", "name", "nation", "org", "sex", "validperiod"]);
    expect(r.warnings?.includes("idn_checksum_failed") ?? false).toBe(!e.idn_checksum_valid);
    expect(r.risk).toBe(e.risk_hint === "copy" ? "copy" : "normal");
    expect(r.demo_image).toBe("demo_image");
    // the portrait is a real JPEG about the portrait's shape
    const face = await sharp(Buffer.from(r.idcard_face, "base64")).metadata();
    expect(face.format).toBe("jpeg");
    expect(face.height! / face.width!).toBeGreaterThan(1);
  });
});

describe("rendered cards: both sides, four orientations, ±15° skew on a desk, blur, JPEG, 样证, EXIF", () => {
  let set: RenderedCard[] = [];
  beforeAll(async () => {
    set = await renderedCards(9);
  });

  it("reads ≥ 98% of fields exactly and every side right", async () => {
    let fields = 0, right = 0, sides = 0;
    const wrong: string[] = [];
    for (const c of set) {
      const r = await recognizeIdcard(c.image);
      if (r.note === c.side) sides++;
      for (const [k, v] of Object.entries(c.expected)) {
        fields++;
        if (r.detail[k as keyof typeof r.detail] === v) right++;
        else wrong.push(`${c.variant} ${k}: ${r.detail[k as keyof typeof r.detail]} ≠ ${v}`);
      }
      // the other side's fields are empty strings
      const other = c.side === "back" ? ["org", "validperiod"] : ["name", "sex", "nation", "birthday", "idn", "addr"];
      for (const k of other) expect(r.detail[k as keyof typeof r.detail]).toBe("");
      expect(r.idcard_face === "no face").toBe(c.side === "front");
      expect(r.risk).toBe(c.variant === "grey copy" ? "copy" : "normal");
    }
    expect(wrong).toEqual([]);
    expect(right / fields).toBeGreaterThanOrEqual(0.98);
    expect(sides).toBe(set.length);
  }, 600_000); // 9 rendered cards: generous so a loaded machine does not fail it (no timing is asserted)

  it("lets the check digit choose between unsure readings but keeps a confidently printed bad number", async () => {
    const id = randomIdentity(9);
    const bad = id.idn.slice(0, 17) + (id.idn[17] === "1" ? "2" : "1");
    const r = await recognizeIdcard(await renderIdcard({ side: "back", ...id, idn: bad }));
    expect(r.detail.idn).toBe(bad);
    expect(r.warnings).toContain("idn_checksum_failed");
  });

  it("reads a long transliterated name with its middle dots and every line of a long address", async () => {
    const id = { ...randomIdentity(12), name: "阿卜杜·热合曼·艾则孜", nation: "维吾尔", addr: "新疆维吾尔自治区乌鲁木齐市天山区解放路幸福小区12栋502室" };
    const r = await recognizeIdcard(await renderCardPhoto(await renderIdcard({ side: "back", ...id }), { margin: 0.05, scale: 0.8 }));
    expect([r.detail.name, r.detail.nation, r.detail.addr]).toEqual([id.name, id.nation, id.addr]);
  });

  it("keeps an address's last line when it is a single character", async () => {
    const id = { ...randomIdentity(14), addr: "西藏自治区拉萨市城关区" }; // 10 + 1: 区 alone on the second line
    const r = await recognizeIdcard(await renderCardPhoto(await renderIdcard({ side: "back", ...id }), { margin: 0.05, scale: 0.6 }));
    expect(r.detail.addr).toBe(id.addr);
  });

  it("finds the fields by the card's layout when the labels are not printed at all", async () => {
    const id = randomIdentity(21);
    const r = await recognizeIdcard(await renderCardPhoto(await renderIdcard({ side: "back", ...id, labelOpacity: 0 }), { margin: 0.05, scale: 0.8 }));
    expect(r.note).toBe("back");
    expect(r.detail).toMatchObject({ name: id.name, sex: id.sex, nation: id.nation, birthday: `${id.birth.y}年${id.birth.m}月${id.birth.d}日`, idn: id.idn, addr: id.addr });
  });

  it("answers no_idcard (→ 4101) for an image without a card", async () => {
    const page = await renderTextPage(["今天天气很好", "我们去公园散步"]);
    await expect(recognizeIdcard(page)).rejects.toSatisfy((e: unknown) => e instanceof EngineError && e.kind === "no_idcard");
  });

  it("finds a small card on a large desk", async () => {
    const id = randomIdentity(31);
    const photo = await renderCardPhoto(await renderIdcard({ side: "back", ...id }), { margin: 0.6, scale: 0.7, rotate: -8 });
    const r = await recognizeIdcard(photo);
    expect([r.detail.name, r.detail.idn]).toEqual([id.name, id.idn]);
  });
});
