-- Actors stored as a kind and an id (src/domain/actors.ts) instead of a `user:<id>` /
-- `system:<name>` / `anonymous` string parsed back by prefix. Backfilled from that string;
-- audit_log keeps it too, because the hash chain covers it.
ALTER TABLE "assignment_events" ADD COLUMN "actor_kind" text;--> statement-breakpoint
ALTER TABLE "assignment_events" ADD COLUMN "actor_id" text;--> statement-breakpoint
UPDATE "assignment_events" SET
  "actor_kind" = CASE WHEN "actor" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'user' WHEN "actor" LIKE 'system:%' THEN 'system' ELSE 'anonymous' END,
  "actor_id" = CASE WHEN "actor" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(substr("actor", 6)) WHEN "actor" LIKE 'system:%' THEN substr("actor", 8) ELSE NULL END;--> statement-breakpoint
ALTER TABLE "assignment_events" ALTER COLUMN "actor_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_kind" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_id" text;--> statement-breakpoint
UPDATE "audit_log" SET
  "actor_kind" = CASE WHEN "actor" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'user' WHEN "actor" LIKE 'system:%' THEN 'system' ELSE 'anonymous' END,
  "actor_id" = CASE WHEN "actor" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(substr("actor", 6)) WHEN "actor" LIKE 'system:%' THEN substr("actor", 8) ELSE NULL END;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "actor_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "created_by_kind" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD COLUMN "created_by_id" text;--> statement-breakpoint
UPDATE "calendar_feeds" SET
  "created_by_kind" = CASE WHEN "created_by" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'user' WHEN "created_by" LIKE 'system:%' THEN 'system' ELSE 'anonymous' END,
  "created_by_id" = CASE WHEN "created_by" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(substr("created_by", 6)) WHEN "created_by" LIKE 'system:%' THEN substr("created_by", 8) ELSE NULL END;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ALTER COLUMN "created_by_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "created_by_kind" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "created_by_id" text;--> statement-breakpoint
UPDATE "documents" SET
  "created_by_kind" = CASE WHEN "created_by" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'user' WHEN "created_by" LIKE 'system:%' THEN 'system' ELSE 'anonymous' END,
  "created_by_id" = CASE WHEN "created_by" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(substr("created_by", 6)) WHEN "created_by" LIKE 'system:%' THEN substr("created_by", 8) ELSE NULL END;--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "created_by_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "finding_reviews" ADD COLUMN "actor_kind" text;--> statement-breakpoint
ALTER TABLE "finding_reviews" ADD COLUMN "actor_id" text;--> statement-breakpoint
UPDATE "finding_reviews" SET
  "actor_kind" = CASE WHEN "actor" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'user' WHEN "actor" LIKE 'system:%' THEN 'system' ELSE 'anonymous' END,
  "actor_id" = CASE WHEN "actor" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(substr("actor", 6)) WHEN "actor" LIKE 'system:%' THEN substr("actor", 8) ELSE NULL END;--> statement-breakpoint
ALTER TABLE "finding_reviews" ALTER COLUMN "actor_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "imported_by_kind" text;--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "imported_by_id" text;--> statement-breakpoint
UPDATE "source_files" SET
  "imported_by_kind" = CASE WHEN "imported_by" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN 'user' WHEN "imported_by" LIKE 'system:%' THEN 'system' ELSE 'anonymous' END,
  "imported_by_id" = CASE WHEN "imported_by" ~* '^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(substr("imported_by", 6)) WHEN "imported_by" LIKE 'system:%' THEN substr("imported_by", 8) ELSE NULL END;--> statement-breakpoint
ALTER TABLE "source_files" ALTER COLUMN "imported_by_kind" SET NOT NULL;
