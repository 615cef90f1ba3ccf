import {
  AlignLeftOutlined, AppstoreOutlined, BankOutlined, BorderTopOutlined, CalculatorOutlined, CalendarOutlined,
  CheckCircleOutlined, CheckSquareOutlined, CreditCardOutlined, DownSquareOutlined, EditOutlined, EnvironmentOutlined,
  FieldNumberOutlined, FieldTimeOutlined, FileTextOutlined, FontSizeOutlined, IdcardOutlined, MailOutlined,
  MobileOutlined, OrderedListOutlined, PaperClipOutlined, PayCircleOutlined, SafetyCertificateOutlined, ScheduleOutlined,
  SwapOutlined, TableOutlined, UserSwitchOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

/** Pictures for the palette's icon names (forms/fieldPalette.ts); unknown names get a generic one. */
const icons: Record<string, ComponentType> = {
  text: FontSizeOutlined,
  textarea: AlignLeftOutlined,
  number: FieldNumberOutlined,
  money: PayCircleOutlined,
  date: CalendarOutlined,
  dateTime: FieldTimeOutlined,
  dateRange: ScheduleOutlined,
  switch: SwapOutlined,
  select: DownSquareOutlined,
  radio: CheckCircleOutlined,
  checkbox: CheckSquareOutlined,
  checklist: OrderedListOutlined,
  region: EnvironmentOutlined,
  idNumber: IdcardOutlined,
  mobile: MobileOutlined,
  email: MailOutlined,
  creditCode: BankOutlined,
  bankCard: CreditCardOutlined,
  upload: PaperClipOutlined,
  signature: EditOutlined,
  group: BorderTopOutlined,
  static: FileTextOutlined,
  table: TableOutlined,
  computed: CalculatorOutlined,
  consent: SafetyCertificateOutlined,
  approverPicker: UserSwitchOutlined,
};

export function FieldIcon({ name }: { name: string }) {
  const Icon = icons[name] ?? AppstoreOutlined;
  return <Icon aria-hidden />;
}
