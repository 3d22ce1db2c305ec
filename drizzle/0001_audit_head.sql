CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_head_single_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "audit_head" ("id", "seq", "hash") SELECT 1, "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1;
