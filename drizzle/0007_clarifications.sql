ALTER TABLE "assignments" ADD COLUMN "clarifies" text;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "clarified_assignment_id" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_clarified_assignment_id_assignments_id_fk" FOREIGN KEY ("clarified_assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_clarified_idx" ON "assignments" USING btree ("clarified_assignment_id");