-- The points ledger is append-only: a correction is a new row, never an edit of an old one.
CREATE FUNCTION p_quanzhou_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '积分流水只能追加，不能修改或删除 / the points ledger is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER p_quanzhou_point_ledger_append_only BEFORE UPDATE OR DELETE ON p_quanzhou_point_ledger FOR EACH ROW EXECUTE FUNCTION p_quanzhou_ledger_refuse_change();
