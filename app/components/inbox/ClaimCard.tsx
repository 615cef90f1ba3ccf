import { Form } from "@remix-run/react";
import { Alert, Button } from "antd";
import { CsrfInput } from "~/components/CsrfInput";
import { useT } from "~/i18n/useT";

export type ClaimInfo = { claimedBy: { id: string; name: string } | null; claimable: boolean; poolSize: number };

/**
 * 认领 / 释放 on the task page: a pool task offers 认领; the claimer sees 释放; a colleague of the
 * claimer learns who holds it (their decision panel is not shown).
 */
export function ClaimCard({ claim, me, busy }: { claim: ClaimInfo; me: string; busy: boolean }) {
  const t = useT();
  if (claim.claimedBy && claim.claimedBy.id !== me) return <Alert type="info" showIcon message={t("claimedByOther", { name: claim.claimedBy.name })} />;
  const mine = claim.claimedBy?.id === me;
  if (!mine && !claim.claimable) return null;
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={mine ? "release" : "claim"} />
      <Alert
        type={mine ? "success" : "info"}
        showIcon
        message={mine ? t("claimedHint") : t("claimHint", { n: claim.poolSize })}
        action={
          <Button htmlType="submit" type={mine ? "default" : "primary"} className="nj-big-button" disabled={busy}>
            {mine ? t("release") : t("claim")}
          </Button>
        }
        className="nj-claim"
      />
    </Form>
  );
}
