import type { ApiKind } from "@/lib/engine/types";

/** Response examples of the manual (4.1–4.3), written as valid JSON. */
export const RESPONSE_EXAMPLES: Record<ApiKind, unknown> = {
  general: {
    code: 0,
    message: { success: 1, fail: 0 },
    result: [
      {
        text_line: 2,
        detail: [
          { name: "0", text: "社会主义核心价值观", box: [43.4, 157.35, 610.58, 169.54, 609.15, 236.15, 41.96, 223.96] },
          { name: "1", text: "富强、民主、文明、和谐", box: [84.69, 244.01, 573.85, 248.17, 573.41, 299.99, 84.25, 295.82] },
        ],
      },
    ],
  },
  idcard: {
    code: 0,
    message: { success: 1, fail: 0 },
    result: [
      {
        note: "front",
        detail: { name: "", sex: "", nation: "", birthday: "", idn: "", addr: "", org: "兰州市公安局城关分局", validperiod: "2007.07.27-2027.07.27" },
        idcard_face: "no face",
        demo_image: "demo_image",
        risk: "normal",
      },
    ],
  },
  plate: {
    code: 0,
    message: { success: 1, fail: 0 },
    result: [
      {
        "number of plate licenses": 1,
        detail: [
          {
            box: [
              [123, 191],
              [214, 195],
              [213, 226],
              [122, 222],
            ],
            plate_type: "蓝牌",
            plate_license: "浙C80000",
            platelicense: "浙C80000",
            confidence: 1,
          },
        ],
      },
    ],
  },
};

export const ERROR_EXAMPLE = { code: 4014, message: "error", details: "签名校验失败" };

export const PER_IMAGE_ERROR_EXAMPLE = {
  code: 0,
  message: { success: 1, fail: 1 },
  result: [{ text_line: 0, detail: [] }, { err_code: 4011, err_msg: "图片尺寸不符合要求, 分辨率长宽尺寸应不高于 5000 不低于 32" }],
};
