CREATE INDEX "assignments_year_register_idx" ON "assignments" USING btree ("year" DESC NULLS FIRST,"register_id","id");--> statement-breakpoint
CREATE INDEX "assignments_register_year_idx" ON "assignments" USING btree ("register_id","year" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_type","object_id","seq");--> statement-breakpoint
CREATE INDEX "documents_list_idx" ON "documents" USING btree ("year" DESC NULLS FIRST,"agency_name","number","id");