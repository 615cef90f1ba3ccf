import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCaseData, sealCaseData, sealedHashes, sealSnapshot } from "./caseData";
import { dataKeyFile, dataKeys } from "./dataKey";
import { isSealed, lookupHash, openValue, sealValue, type Sealed } from "./sealedValue";

const TEST_KEY = process.env.NIANGJIA_DATA_KEY;
const env = { ...process.env };
afterEach(() => {
  process.env.NIANGJIA_DATA_KEY = env.NIANGJIA_DATA_KEY;
  process.env.DATA_DIR = env.DATA_DIR;
  if (env.DATA_DIR === undefined) delete process.env.DATA_DIR;
});

describe("sealed values", () => {
  it("round-trips, with a fresh IV each time and the same keyed hash", () => {
    const a = sealValue("35020319900101123X");
    const b = sealValue("35020319900101123X");
    expect(a.$sealed).not.toBe(b.$sealed);
    expect(a.$hash).toBe(b.$hash);
    expect(a.$hash).toBe(lookupHash("35020319900101123X"));
    expect(a.$sealed).not.toContain("35020319900101123X");
    expect(openValue(a)).toBe("35020319900101123X");
    expect(openValue(sealValue("孙丽 13812345678"))).toBe("孙丽 13812345678");
  });

  it("refuses a tampered value (GCM) and names a wrong key rather than returning garbage", () => {
    const s = sealValue("13812345678");
    const [v, id, blob] = s.$sealed.split(".");
    const raw = Buffer.from(blob, "base64url");
    raw[raw.length - 1] ^= 1;
    expect(() => openValue({ ...s, $sealed: `${v}.${id}.${raw.toString("base64url")}` })).toThrow();
    process.env.NIANGJIA_DATA_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(() => openValue(s)).toThrow(/NIANGJIA_DATA_KEY/);
    expect(lookupHash("13812345678")).not.toBe(s.$hash);
  });

  it("seals only the form's sensitive paths (table cells too), keeps sealed ones, and opens anything", () => {
    const data = { name: "孙丽", mobile: "13812345678", empty: null, members: [{ n: "王芳", id: "350203201001011234" }, { n: "小明", id: "" }] };
    const paths = { keys: ["mobile", "empty", "absent"], columns: { members: ["id"] } };
    const sealed = sealCaseData(data, paths);
    expect(sealed.name).toBe("孙丽");
    expect(isSealed(sealed.mobile)).toBe(true);
    expect(sealed.empty).toBeNull();
    expect("absent" in sealed).toBe(false);
    expect(isSealed((sealed.members as { id: unknown }[])[0].id)).toBe(true);
    expect((sealed.members as { id: unknown }[])[1].id).toBe("");
    expect(JSON.stringify(sealed)).not.toMatch(/13812345678|350203201001011234/);
    const again = sealCaseData(sealed, paths);
    expect((again.mobile as Sealed).$sealed).toBe((sealed.mobile as Sealed).$sealed);
    expect(openCaseData(sealed)).toEqual(data);
    expect(sealedHashes(sealed)).toEqual(new Set([lookupHash("13812345678"), lookupHash("350203201001011234")]));
    const snapshot = sealSnapshot({ value: "a", context: { data, variables: { x: 1 } } }, paths);
    expect(JSON.stringify(snapshot)).not.toContain("13812345678");
    expect(openCaseData(snapshot)).toEqual({ value: "a", context: { data, variables: { x: 1 } } });
  });
});

describe("the data key", () => {
  it("without NIANGJIA_DATA_KEY: made once in a 0600 file beside the data folder, then reused", () => {
    delete process.env.NIANGJIA_DATA_KEY;
    process.env.DATA_DIR = path.join(mkdtempSync(path.join(tmpdir(), "nj-key-")), ".data");
    const file = dataKeyFile();
    expect(file).toBe(`${process.env.DATA_DIR}-key`);
    const first = dataKeys();
    expect(first.source).toBe("file");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
    const sealed = sealValue("13812345678");
    process.env.NIANGJIA_DATA_KEY = TEST_KEY;
    expect(dataKeys().source).toBe("env");
    delete process.env.NIANGJIA_DATA_KEY;
    expect(dataKeys().id).toBe(first.id);
    expect(openValue(sealed)).toBe("13812345678");
  });

  it("refuses a key that is not 32 bytes, with the fix in the message", () => {
    process.env.NIANGJIA_DATA_KEY = "short";
    expect(() => dataKeys()).toThrow(/32-byte key/);
  });
});
