-- APPK Art. 76(2): review may be extended "не более чем до двух месяцев". The stricter reading is the
-- whole term: the extended deadline falls at most two months after registration (DESIGN §3).
ALTER TABLE "deadline_policies" ADD COLUMN "max_term_months" integer;--> statement-breakpoint
UPDATE "deadline_policies" SET "max_term_months" = 2, "source" = 'APPK Art. 76(1)-(2): 15 working days; extended term at most 2 months after registration (stricter reading)', "updated_at" = now();--> statement-breakpoint
ALTER TABLE "deadline_policies" ALTER COLUMN "max_term_months" SET NOT NULL;
