ALTER TABLE "assignment_deadlines" ADD COLUMN "source_document_id" uuid;--> statement-breakpoint
ALTER TABLE "assignment_events" ADD COLUMN "source_document_id" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "change" text;--> statement-breakpoint
ALTER TABLE "assignment_deadlines" ADD CONSTRAINT "assignment_deadlines_source_document_id_documents_id_fk" FOREIGN KEY ("source_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_events" ADD CONSTRAINT "assignment_events_source_document_id_documents_id_fk" FOREIGN KEY ("source_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;