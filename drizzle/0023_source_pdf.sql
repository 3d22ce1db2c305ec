ALTER TABLE "source_files" ADD COLUMN "bytes" "bytea";--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "line_boxes" jsonb;