import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { lengthBoundsProblems } from "./text";
import { boundedText } from "./textValue";

/** 详细地址 (路、门牌、小区、楼栋、单元、房号), usually after a region field; one line, the phone's address autofill. */
export type AddressFieldDef = FieldDefBase & { type: "address"; minLength?: number; maxLength?: number };

export const ADDRESS_DEFAULT_MAX_LENGTH = 120;

export const addressField = defineFieldType<AddressFieldDef>({
  type: "address",
  valueKind: "string",
  emptyValue: null,
  props: {
    minLength: z.number().int().min(0).max(500).optional(),
    maxLength: z.number().int().min(1).max(500).optional(),
  },
  buildZod: (field, ctx) => boundedText(ctx, field.maxLength ?? ADDRESS_DEFAULT_MAX_LENGTH, field.minLength ?? 2),
  checkDef: (field) => lengthBoundsProblems(field, ADDRESS_DEFAULT_MAX_LENGTH),
  hint: { widget: "input", inputMode: "text", autoComplete: "street-address" },
});
