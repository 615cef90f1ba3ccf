import { Select, Typography } from "antd";
import type { ApproverPickerFieldDef, PickedPerson } from "../../../forms/fields/approverPicker";
import type { Locale } from "../../../forms/messages";
import { useApproverOptions } from "./ApproverOptionsContext";
import { rendererText } from "./rendererText";

type Props = {
  field: ApproverPickerFieldDef;
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur: () => void;
  disabled: boolean;
  invalid: boolean;
  locale: Locale;
  aria: Record<string, unknown>;
};

const asPeople = (value: unknown): PickedPerson[] => (Array.isArray(value) ? (value as PickedPerson[]).filter((p) => typeof p?.id === "string") : []);

/** 审批人自选: a searchable list of the approvers on the applicant's own chain, named with their union. */
export function ApproverPickerControl({ field, id, value, onChange, onBlur, disabled, invalid, locale, aria }: Props) {
  const candidates = useApproverOptions(field.key);
  const picked = asPeople(value);
  const max = field.maxPeople ?? 1;
  // Someone picked in a draft who no longer holds the role still shows by name, so the applicant sees why it fails.
  const options = [
    ...(candidates ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.orgName}）`, name: c.name })),
    ...picked.filter((p) => !candidates?.some((c) => c.id === p.id)).map((p) => ({ value: p.id, label: p.name || p.id, name: p.name })),
  ];
  const nameOf = new Map(options.map((o) => [o.value, o.name]));
  const toValue = (ids: string[]) => (ids.length ? ids.map((pid) => ({ id: pid, name: nameOf.get(pid) ?? "" })) : []);
  const note = candidates === null ? rendererText(locale, "approverPreview") : candidates.length === 0 ? rendererText(locale, "approverNone") : null;
  return (
    <>
      <Select
        id={id}
        mode={max > 1 ? "multiple" : undefined}
        maxCount={max > 1 ? max : undefined}
        value={max > 1 ? picked.map((p) => p.id) : picked[0]?.id}
        onChange={(v: string | string[] | undefined) => onChange(toValue(Array.isArray(v) ? v : v ? [v] : []))}
        onBlur={onBlur}
        options={options}
        allowClear
        showSearch
        optionFilterProp="label"
        disabled={disabled || candidates === null}
        status={invalid ? "error" : undefined}
        size="large"
        style={{ width: "100%" }}
        placeholder={rendererText(locale, max > 1 ? "choosePeople" : "choosePerson", { max: String(max) })}
        {...aria}
      />
      {note && (
        <Typography.Text type="secondary" style={{ display: "block", marginTop: 4 }}>
          {note}
        </Typography.Text>
      )}
    </>
  );
}
