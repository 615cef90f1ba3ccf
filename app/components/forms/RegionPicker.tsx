import { Button, Col, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { regionDepth, regionLevelName, withinChain, type RegionFieldDef, type RegionValue } from "../../../forms/fields/region";
import type { Locale } from "../../../forms/messages";
import { REGION_LEVELS, REGION_ROOT, type RegionEntry } from "../../../forms/regions/regionSource";
import { loadRegionChildren } from "./regionClient";
import { rendererText } from "./rendererText";

export type RegionPickerProps = {
  field: RegionFieldDef;
  id: string;
  value: unknown;
  onChange: (value: RegionValue | null) => void;
  onBlur: () => void;
  disabled: boolean;
  invalid: boolean;
  locale: Locale;
  aria: Record<string, unknown>;
};

function asRegion(value: unknown): RegionValue {
  const v = value as Partial<RegionValue> | null;
  return { codes: Array.isArray(v?.codes) ? v.codes : [], names: Array.isArray(v?.names) ? v.names : [] };
}

/**
 * 省/市/区/街道 as stacked selects (two a row on wide screens): a phone shows one full-width
 * list at a time instead of a four-column cascader that cannot fit 390px. Each level is
 * fetched when its parent is chosen; levels fixed by `within` are shown but locked.
 */
export function RegionPicker({ field, id, value, onChange, onBlur, disabled, invalid, locale, aria }: RegionPickerProps) {
  const depth = regionDepth(field);
  const fixed = withinChain(field.within);
  const region = asRegion(value);
  const codes = fixed.length > 0 && region.codes.length < fixed.length ? fixed : region.codes;
  const [lists, setLists] = useState<Record<string, RegionEntry[]>>({});
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const parents = [REGION_ROOT, ...codes].slice(0, depth);
  const parentsKey = parents.join(",");
  useEffect(() => {
    let live = true;
    for (const parent of parentsKey.split(",")) {
      loadRegionChildren(parent)
        .then((list) => live && setLists((prev) => (prev[parent] ? prev : { ...prev, [parent]: list })))
        .catch(() => live && setFailed(true));
    }
    return () => {
      live = false;
    };
  }, [parentsKey, attempt]);

  const choose = (level: number, code: string | undefined) => {
    const nextCodes = code ? [...codes.slice(0, level), code] : codes.slice(0, level);
    const names = nextCodes.map((c, i) => lists[i === 0 ? REGION_ROOT : nextCodes[i - 1]]?.find((e) => e.code === c)?.name ?? "");
    onChange(nextCodes.length > 0 ? { codes: nextCodes, names } : null);
  };

  return (
    <div id={`${id}-region`} role="group" aria-labelledby={`${id}-label`}>
      <Row gutter={[8, 8]}>
        {REGION_LEVELS.slice(0, depth).map((level, i) => {
          const parent = i === 0 ? REGION_ROOT : codes[i - 1];
          const list = parent ? lists[parent] : undefined;
          const levelName = regionLevelName(level, locale);
          return (
            <Col xs={24} sm={12} key={level}>
              <Select
                id={i === 0 ? id : `${id}-${level}`}
                aria-label={levelName}
                value={codes[i]}
                onChange={(code: string | undefined) => choose(i, code)}
                onBlur={onBlur}
                options={(list ?? []).map((e) => ({ value: e.code, label: e.name }))}
                loading={parent !== undefined && !list && !failed}
                disabled={disabled || !parent || i < fixed.length}
                showSearch={(list?.length ?? 0) > 12}
                optionFilterProp="label"
                allowClear={i >= fixed.length}
                placeholder={rendererText(locale, "chooseLevel", { level: levelName })}
                status={invalid ? "error" : undefined}
                size="large"
                style={{ width: "100%" }}
                {...(i === 0 ? aria : {})}
              />
            </Col>
          );
        })}
      </Row>
      {failed && (
        <Button type="link" danger onClick={() => { setFailed(false); setAttempt((n) => n + 1); }} style={{ paddingInline: 0 }}>
          {rendererText(locale, "loadFailed")}
        </Button>
      )}
    </div>
  );
}
