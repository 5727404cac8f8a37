CREATE TABLE "orders"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"store_id" text,
	"target_type" text,
	"target_id" text,
	"client_ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."menu_items" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "orders"."audit_log" USING btree ("actor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "orders"."audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "menu_items_store_name_key" ON "orders"."menu_items" USING btree ("store_id",lower("name")) WHERE "orders"."menu_items"."removed_at" is null;--> statement-breakpoint
-- Written by hand (drizzle-kit does not write triggers): the audit log is append-only, as in the
-- other subgraphs. Only a transaction that has set supergraph.audit_redaction (for itself only)
-- may replace an entry's details and client address (erasure); removing entries, and TRUNCATE,
-- are refused.
CREATE OR REPLACE FUNCTION "orders".audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "orders".audit_log
  FOR EACH ROW EXECUTE FUNCTION "orders".audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "orders".audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION "orders".audit_log_is_append_only();
