-- The audit log is append-only: rows can be added, never changed or removed (also not by TRUNCATE).
CREATE OR REPLACE FUNCTION "payments".audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "payments".audit_log
  FOR EACH ROW EXECUTE FUNCTION "payments".audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "payments".audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION "payments".audit_log_is_append_only();
