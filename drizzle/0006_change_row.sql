ALTER TABLE "appropriation_lines" ADD COLUMN "change_previous" bigint;--> statement-breakpoint
ALTER TABLE "appropriation_lines" ADD COLUMN "change_total" bigint;