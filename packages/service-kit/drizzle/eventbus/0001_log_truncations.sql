CREATE TABLE "eventbus"."log_truncations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"through_position" bigint NOT NULL,
	"removed" integer NOT NULL,
	"truncated_at" timestamp with time zone DEFAULT now() NOT NULL
);
