CREATE TABLE "draft_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"item" text NOT NULL,
	"body" text NOT NULL,
	"reply_to" uuid,
	"side" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_name" text
);
--> statement-breakpoint
CREATE TABLE "draft_rounds" (
	"draft_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"content" jsonb NOT NULL,
	"shared_by_kind" text NOT NULL,
	"shared_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ministry_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'editing' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"number" integer,
	"shared_round" integer,
	"editors" jsonb NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text,
	"approved_by_kind" text,
	"approved_by_id" text,
	"issued_document_id" uuid,
	"issued_docx" "bytea",
	"issued_pdf" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draft_comments" ADD CONSTRAINT "draft_comments_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_comments" ADD CONSTRAINT "draft_comments_reply_to_draft_comments_id_fk" FOREIGN KEY ("reply_to") REFERENCES "public"."draft_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_rounds" ADD CONSTRAINT "draft_rounds_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_ministry_id_organisations_id_fk" FOREIGN KEY ("ministry_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_issued_document_id_documents_id_fk" FOREIGN KEY ("issued_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_comments_draft_idx" ON "draft_comments" USING btree ("draft_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "draft_rounds_key" ON "draft_rounds" USING btree ("draft_id","round");--> statement-breakpoint
CREATE INDEX "drafts_ministry_idx" ON "drafts" USING btree ("ministry_id","year");