CREATE INDEX "assignments_year_status_idx" ON "assignments" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "calendar_items_doc_idx" ON "calendar_items" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "goals_doc_idx" ON "goals" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "steering_parameters_doc_idx" ON "steering_parameters" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "sum_lines_doc_idx" ON "sum_lines" USING btree ("document_id");