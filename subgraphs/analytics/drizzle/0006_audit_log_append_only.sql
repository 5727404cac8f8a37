-- The audit log stays append-only, with two exceptions. Redaction (the right to erasure): a
-- transaction that has set supergraph.audit_redaction (for itself only: set_config(…, true)) may
-- replace an entry's details and client address, and nothing else about it. Retention: a
-- transaction that has set supergraph.audit_retention_before to a moment at least a day ago (also
-- for itself only) may delete the entries that occurred before that moment, and no other.
-- Every other UPDATE and DELETE, and TRUNCATE, stay refused.
CREATE OR REPLACE FUNCTION "analytics".audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  retention_before timestamptz := NULLIF(current_setting('supergraph.audit_retention_before', true), '')::timestamptz;
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('supergraph.audit_redaction', true) = 'on'
     AND NEW.id = OLD.id
     AND NEW.occurred_at = OLD.occurred_at
     AND NEW.action = OLD.action
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role
     AND NEW.store_id IS NOT DISTINCT FROM OLD.store_id
     AND NEW.target_type IS NOT DISTINCT FROM OLD.target_type
     AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE'
     AND retention_before IS NOT NULL
     AND retention_before <= now() - interval '1 day'
     AND OLD.occurred_at < retention_before THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "analytics".audit_log
  FOR EACH ROW EXECUTE FUNCTION "analytics".audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "analytics".audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION "analytics".audit_log_is_append_only();
