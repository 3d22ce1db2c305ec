-- Trigram search (parts of compound words): the extension ships with PostgreSQL and PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "finding_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"finding_key" text NOT NULL,
	"state" text NOT NULL,
	"comment" text,
	"actor" text NOT NULL,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finding_reviews" ADD CONSTRAINT "finding_reviews_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "finding_reviews_key" ON "finding_reviews" USING btree ("agency_id","year","finding_key");--> statement-breakpoint
CREATE INDEX "assignments_search_text_trgm_idx" ON "assignments" USING gin (lower("register_id" || ' ' || "title" || ' ' || "body") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "assignments_title_trgm_idx" ON "assignments" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_search_text_trgm_idx" ON "documents" USING gin (lower("title" || ' ' || "body") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_title_trgm_idx" ON "documents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
-- A document's identity is its ministry, agency, year, kind and number, by the organisations' ids.
UPDATE "documents" SET "series_key" = coalesce("ministry_id"::text, '-') || '|' || coalesce("agency_id"::text, '-') || '|' || "year" || '|' || "kind" || '|' || "number";
