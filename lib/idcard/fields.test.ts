import { describe, expect, it } from "vitest";
import { formatBirthday, formatValidPeriod, parseCard, snapNation, type CardLine } from "./fields";
import { makeIdn } from "./checksum";

const IDN = makeIdn("110105", "19900102", 1, "男");

/** OCR lines as the recogniser gives them: text and a box; every character read surely. */
function line(text: string, x0: number, y0: number, x1 = x0 + text.length * 20, y1 = y0 + 24): CardLine {
  return { text, x0, y0, x1, y1, score: 0.98, chars: [...text].map((char) => [{ char, p: 0.98 }]) };
}

describe("portrait side (人像面) by labels", () => {
  it("reads every field, joins the address lines and removes spaces in the name", () => {
    const p = parseCard([
      line("姓名", 20, 30), line("王 小 明", 90, 30),
      line("性别男", 20, 70), line("民族汉", 160, 70),
      line("出生1990年1月2日", 20, 110),
      line("住址", 20, 150), line("北京市海淀区西北旺东路", 90, 150), line("100号中关村科技园", 90, 180),
      line("公民身份号码", 20, 260), line(IDN, 160, 260),
    ]);
    expect(p.hasBack).toBe(true);
    expect(p.warnings).toEqual([]);
    expect(p.detail).toEqual({
      name: "王小明", sex: "男", nation: "汉", birthday: "1990年1月2日",
      idn: IDN, addr: "北京市海淀区西北旺东路100号中关村科技园", org: "", validperiod: "",
    });
  });

  it("accepts a misread label (佳址 for 住址) and drops a 样证 stamp over the address", () => {
    const p = parseCard([
      line("姓名代用名", 20, 30), line("性别男民族汉", 20, 70), line("出生1988年8月28日", 20, 110),
      line("佳址福建省龙岩市东城东宝路", 20, 150), line("样证", 120, 165), line("336号", 90, 180),
      line("公民身份号码350802198808285516", 20, 260),
    ]);
    expect(p.detail.addr).toBe("福建省龙岩市东城东宝路336号");
    expect(p.detail.sex).toBe("男");
    expect(p.detail.nation).toBe("汉");
    expect(p.warnings).toEqual([]);
  });

  it("returns a specimen number as printed and flags its failed check", () => {
    const p = parseCard([line("姓名代用名", 20, 30), line("性别男民族汉", 20, 70), line("公民身份号码430512198908131367", 20, 260)]);
    expect(p.detail.idn).toBe("430512198908131367");
    expect(p.warnings).toContain("idn_checksum_failed");
  });

  it("flags a number that disagrees with the printed birthday and sex", () => {
    const p = parseCard([line("性别男", 20, 70), line("出生1987年9月17日", 20, 110), line("公民身份号码370782198709180246", 20, 260)]);
    expect(p.warnings).toEqual(expect.arrayContaining(["idn_checksum_failed", "idn_birthday_mismatch", "idn_sex_mismatch"]));
  });
});

describe("portrait side by layout when a label is lost or misread", () => {
  it("reads the name from the first row when 姓 is lost (名刘洋) or the label is gone", () => {
    const rest = [line("性别女民族汉", 20, 70), line("出生1995年5月13日", 20, 110), line("住址广东省深圳市南山区", 20, 150), line("公民身份号码440305199505132561", 20, 260)];
    expect(parseCard([line("名刘洋", 20, 30), ...rest]).detail.name).toBe("刘洋");
    expect(parseCard([line("刘洋", 90, 30), ...rest]).detail.name).toBe("刘洋");
    // a name that starts with 名 at the value column keeps it
    expect(parseCard([line("名扬", 90, 30), ...rest]).detail.name).toBe("名扬");
  });

  it("reads 民族 misread as 民旅, and the nation after the sex when the label is lost", () => {
    const rest = [line("出生1961年8月4日", 20, 110), line("公民身份号码440305196108042577", 20, 260)];
    expect(parseCard([line("姓名安东尼", 20, 30), line("性别男民旅俄罗斯", 20, 70), ...rest]).detail.nation).toBe("俄罗斯");
    expect(parseCard([line("姓名安东尼", 20, 30), line("性别男", 20, 70), line("俄罗斯", 250, 70), ...rest]).detail.nation).toBe("俄罗斯");
  });

  it("reads the address below the date of birth when 住址 is not read, its last line included", () => {
    const p = parseCard([
      line("姓名约翰·史密斯", 20, 30), line("性别男民族汉", 20, 70), line("出生1961年8月4日", 20, 110),
      line("加利福尼亚州旧金山市", 90, 150), line("星际大道1号", 90, 180), line("502室", 90, 210, 150, 232),
      line("公民身份号码440305196108042577", 20, 260),
    ]);
    expect(p.detail.addr).toBe("加利福尼亚州旧金山市星际大道1号502室");
    expect(p.detail.name).toBe("约翰·史密斯");
  });

  it("keeps the middle dot of a transliterated name however it was read", () => {
    const rest = [line("性别男民族维吾尔", 20, 70), line("出生1985年4月10日", 20, 110), line("公民身份号码440305198504102577", 20, 260)];
    expect(parseCard([line("姓名买买提.吐尔逊", 20, 30), ...rest]).detail.name).toBe("买买提·吐尔逊");
    expect(parseCard([line("姓名买买提•吐尔逊·", 20, 30), ...rest]).detail.name).toBe("买买提·吐尔逊");
  });

  it("finds the name two rows above 出生 when the sex row has no label either", () => {
    const p = parseCard([line("名李明", 20, 30), line("男汉", 90, 70), line("出生1985年4月10日", 20, 110), line("公民身份号码440305198504102577", 20, 260)]);
    expect(p.detail.name).toBe("李明");
  });
});

describe("emblem side (国徽面)", () => {
  it("reads issuing authority and validity, tolerating a lost dash", () => {
    const p = parseCard([line("中华人民共和国", 200, 30), line("居民身份证", 200, 80), line("签发机关兰州市公安局城关分局", 100, 200), line("有效期限2007.07.272027.07.27", 100, 240)]);
    expect(p.hasFront).toBe(true);
    expect(p.hasBack).toBe(false);
    expect(p.detail.org).toBe("兰州市公安局城关分局");
    expect(p.detail.validperiod).toBe("2007.07.27-2027.07.27");
  });
});

describe("formats", () => {
  it("writes the birthday as YYYY年M月D日", () => {
    expect(formatBirthday("1987 年 9 月 17 日")).toBe("1987年9月17日");
    expect(formatBirthday("2013年05月06日")).toBe("2013年5月6日");
  });
  it("writes the validity as YYYY.MM.DD-YYYY.MM.DD or YYYY.MM.DD-长期", () => {
    expect(formatValidPeriod("2018.05012038.05.01")).toBe("2018.05.01-2038.05.01");
    expect(formatValidPeriod("2007.07.27-长期")).toBe("2007.07.27-长期");
    expect(formatValidPeriod("2013.05.01—2018.05.01")).toBe("2013.05.01-2018.05.01");
  });
});

describe("layout guards: stamps, specks, seam boxes, blank labels, nations", () => {
  it("keeps a 样证 stamp character twice the text's height out of the address beside it", () => {
    const p = parseCard([
      line("姓名", 20, 30), line("李艳雪", 90, 30), line("性别", 20, 70), line("女", 90, 70), line("民族", 160, 70), line("纳西", 230, 70),
      line("出生", 20, 110), line("1969年2月20日", 90, 110),
      line("住址", 20, 150), line("北京市朝阳区", 90, 150), line("证", 230, 140, 280, 190),
      line("公民身份号码", 20, 260), line("110105196902208127", 160, 260),
    ]);
    expect(p.detail.addr).toBe("北京市朝阳区");
  });

  it("leaves a speck between the nation label and its value out of the nation", () => {
    const p = parseCard([
      line("性别", 20, 70), line("女", 90, 70), line("民族", 160, 70), line("天", 205, 78, 215, 86), line("阿昌", 230, 70),
      line("出生", 20, 110), line("1956年5月1日", 90, 110), line("公民身份号码", 20, 260), line(IDN, 160, 260),
    ]);
    expect(p.detail.nation).toBe("阿昌");
  });

  it("leaves a short box over the seam of a label and its value out of the validity", () => {
    const p = parseCard([line("签发机关", 20, 30), line("某某市公安局", 110, 30), line("有效期限", 20, 70, 100), line("2", 95, 72, 125), line("2010.01.01-2020.01.01", 120, 70)]);
    expect(p.detail.validperiod).toBe("2010.01.01-2020.01.01");
  });

  it("names a label read with nothing beside it, so its place can be read from the layout", () => {
    const p = parseCard([
      line("姓名", 20, 30), line("肖华", 90, 30), line("性别", 20, 70), line("女", 90, 70), line("民族", 160, 70),
      line("出生", 20, 110), line("1980年11月20日", 90, 110), line("公民身份号码", 20, 260), line(IDN, 160, 260),
    ]);
    expect(p.detail.nation).toBe("");
    expect(p.blanks.map((b) => b.key)).toEqual(["nation"]);
  });

  it("snaps a nation one character off to the only nation that close, and keeps anything else as read", () => {
    expect(snapNation("医鄂温克")).toBe("鄂温克");
    expect(snapNation("达韩尔")).toBe("达斡尔");
    expect(snapNation("汉")).toBe("汉");
    expect(snapNation("佬")).toBe("佬"); // 仡佬 or 仫佬
    expect(snapNation("瓦尔肯")).toBe("瓦尔肯");
  });
});

