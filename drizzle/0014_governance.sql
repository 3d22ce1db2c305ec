CREATE TABLE "governance_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"ministry_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"key" text NOT NULL,
	"source" text NOT NULL,
	"calendar_item_id" uuid,
	"title" text NOT NULL,
	"date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"ministry_points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agenda" jsonb,
	"minutes" text DEFAULT '' NOT NULL,
	"held_at" timestamp with time zone,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"ord" integer NOT NULL,
	"text" text NOT NULL,
	"responsible" text NOT NULL,
	"deadline" text DEFAULT '' NOT NULL,
	"draft_id" uuid,
	"draft_assignment_key" uuid,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_tolerances" (
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"set_by_kind" text NOT NULL,
	"set_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_tolerances_score" CHECK ("risk_tolerances"."score" between 1 and 25)
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "kind" text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "period_year" integer;--> statement-breakpoint
UPDATE "reports" SET "period_year" = "year";--> statement-breakpoint
ALTER TABLE "reports" ALTER COLUMN "period_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "signatures" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "governance_meetings" ADD CONSTRAINT "governance_meetings_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_meetings" ADD CONSTRAINT "governance_meetings_ministry_id_organisations_id_fk" FOREIGN KEY ("ministry_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_meetings" ADD CONSTRAINT "governance_meetings_calendar_item_id_calendar_items_id_fk" FOREIGN KEY ("calendar_item_id") REFERENCES "public"."calendar_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_governance_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."governance_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_tolerances" ADD CONSTRAINT "risk_tolerances_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "governance_meetings_key" ON "governance_meetings" USING btree ("key");--> statement-breakpoint
CREATE INDEX "governance_meetings_agency_year_idx" ON "governance_meetings" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "governance_meetings_ministry_idx" ON "governance_meetings" USING btree ("ministry_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "meeting_decisions" USING btree ("meeting_id","ord");--> statement-breakpoint
CREATE INDEX "meeting_decisions_draft_idx" ON "meeting_decisions" USING btree ("draft_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_tolerances_key" ON "risk_tolerances" USING btree ("agency_id","year");