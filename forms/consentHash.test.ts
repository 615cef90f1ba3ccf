import { describe, expect, it } from "vitest";
import { consentTextHash } from "./consentHash";
import { parseFormSchema } from "./schema";
import { form, label, mustParse } from "./testForms";
import { validateSubmission } from "./validateSubmission";

describe("consent text hash", () => {
  it("is SHA-256 of the JSON pair [zh, en], as sha256sum computes it", () => {
    // printf '["",""]' | sha256sum ; printf '["同意","I agree"]' | sha256sum
    expect(consentTextHash({ zh: "", en: "" })).toBe("sha256:439083f38956ba51ece90631552c6ea23c5c29570d3d5710e408e77e01ba7375");
    expect(consentTextHash(label("同意", "I agree"))).toBe("sha256:a1eda03b342781694eb839ebdeb8d2d71651fc6a27aaf61c25962b6189f80184");
    expect(consentTextHash(label("同意"))).not.toBe(consentTextHash(label("同意。")));
    expect(consentTextHash(label("同意", "I agree"))).not.toBe(consentTextHash(label("同意", "I agree.")));
  });

  it("is stored with the submission and refuses consent given to another text", () => {
    const schema = mustParse(form([{ key: "agree", type: "consent", label: label("承诺"), text: label("所填属实"), version: "2" }]), parseFormSchema);
    const textHash = consentTextHash(label("所填属实"));
    expect(validateSubmission(schema, { agree: true }, { locale: "zh" })).toEqual({ ok: true, data: { agree: { accepted: true, version: "2", textHash } } });
    expect(validateSubmission(schema, { agree: { accepted: true, version: "2", textHash: consentTextHash(label("旧文本")) } }, { locale: "zh" }))
      .toEqual({ ok: false, errors: { agree: "承诺已更新，请重新阅读并同意" } });
  });
});
