import { Typography } from "antd";
import { useT } from "~/i18n/useT";

/** Above a form view with masked values: why they are partly hidden and that 查看 is audited. */
export function MaskedNotice({ count, canReveal }: { count: number; canReveal: boolean }) {
  const t = useT();
  if (count === 0) return null;
  return (
    <Typography.Paragraph type="secondary" className="nj-masked-notice">
      {t(canReveal ? "maskedNoticeReveal" : "maskedNotice")}
    </Typography.Paragraph>
  );
}
