CREATE TABLE "report_versions" (
	"report_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"outcome" text DEFAULT 'submitted' NOT NULL,
	"review_comment" text,
	"submitted_by_kind" text NOT NULL,
	"submitted_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"ministry_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"key" text NOT NULL,
	"source" text NOT NULL,
	"calendar_item_id" uuid,
	"title" text NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"submitted_hash" text,
	"submitted_at" timestamp with time zone,
	"review_comment" text,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_ministry_id_organisations_id_fk" FOREIGN KEY ("ministry_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_calendar_item_id_calendar_items_id_fk" FOREIGN KEY ("calendar_item_id") REFERENCES "public"."calendar_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_key" ON "report_versions" USING btree ("report_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_key" ON "reports" USING btree ("key");--> statement-breakpoint
CREATE INDEX "reports_agency_year_idx" ON "reports" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "reports_ministry_idx" ON "reports" USING btree ("ministry_id");