ALTER TABLE "assignment_events" DROP COLUMN "actor";--> statement-breakpoint
ALTER TABLE "calendar_feeds" DROP COLUMN "created_by";--> statement-breakpoint
ALTER TABLE "documents" DROP COLUMN "created_by";--> statement-breakpoint
ALTER TABLE "finding_reviews" DROP COLUMN "actor";--> statement-breakpoint
ALTER TABLE "source_files" DROP COLUMN "imported_by";