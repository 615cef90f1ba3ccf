import { addressField } from "./address";
import { approverPickerField } from "./approverPicker";
import { bankCardField } from "./bankCard";
import { checkboxField } from "./checkbox";
import { checklistField } from "./checklist";
import { computedField } from "./computed";
import { consentField } from "./consent";
import { creditCodeField } from "./creditCode";
import { dateField } from "./date";
import { dateRangeField } from "./dateRange";
import { dateTimeField } from "./dateTime";
import { emailField } from "./email";
import { groupField } from "./group";
import { idNumberField } from "./idNumber";
import { mobileField } from "./mobile";
import { moneyField } from "./money";
import { numberField } from "./number";
import { radioField } from "./radio";
import { regionField } from "./region";
import { selectField } from "./select";
import { signatureField } from "./signature";
import { staticField } from "./static";
import { switchField } from "./switch";
import { tableField } from "./table";
import { textField } from "./text";
import { textareaField } from "./textarea";
import { uploadField } from "./upload";

/** The field types the core ships; plugins add theirs with registerFieldType. */
export const builtinFieldTypes = [
  textField, textareaField, numberField, moneyField, dateField, selectField, radioField,
  checkboxField, switchField, idNumberField, mobileField, emailField, creditCodeField,
  bankCardField, staticField, groupField, consentField, computedField, uploadField,
  regionField, tableField, signatureField, dateTimeField, dateRangeField, addressField, checklistField,
  approverPickerField,
];

export type { AddressFieldDef } from "./address";
export type { ApproverCandidate, ApproverCandidates, ApproverPickerFieldDef, PickedPerson } from "./approverPicker";
export type { BankCardFieldDef } from "./bankCard";
export type { CheckboxFieldDef } from "./checkbox";
export type { ChecklistFieldDef } from "./checklist";
export type { ComputedFieldDef } from "./computed";
export type { ConsentFieldDef, ConsentValue } from "./consent";
export type { CreditCodeFieldDef } from "./creditCode";
export type { DateFieldDef } from "./date";
export type { DateRangeFieldDef, DateRangeValue } from "./dateRange";
export type { DateTimeFieldDef } from "./dateTime";
export type { EmailFieldDef } from "./email";
export type { GroupFieldDef } from "./group";
export type { IdNumberFieldDef } from "./idNumber";
export type { MobileFieldDef } from "./mobile";
export type { MoneyFieldDef } from "./money";
export type { NumberFieldDef } from "./number";
export type { RadioFieldDef } from "./radio";
export type { RegionFieldDef, RegionValue } from "./region";
export type { SelectFieldDef } from "./select";
export type { SignatureFieldDef } from "./signature";
export type { StaticFieldDef } from "./static";
export type { SwitchFieldDef } from "./switch";
export type { ColumnDef, TableFieldDef, TableRow } from "./table";
export type { TextFieldDef } from "./text";
export type { TextareaFieldDef } from "./textarea";
export type { UploadFieldDef } from "./upload";
