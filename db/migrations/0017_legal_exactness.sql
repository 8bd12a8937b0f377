-- APPK Art. 76(2): review may be extended "не более чем до двух месяцев". The stricter reading is the
-- whole term: the extended deadline falls at most two months after registration (DESIGN §3).
ALTER TABLE "deadline_policies" ADD COLUMN "max_term_months" integer;--> statement-breakpoint
UPDATE "deadline_policies" SET "max_term_months" = 2, "source" = 'APPK Art. 76(1)-(2): 15 working days; extended term at most 2 months after registration (stricter reading)', "updated_at" = now();--> statement-breakpoint
ALTER TABLE "deadline_policies" ALTER COLUMN "max_term_months" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "deadline_policies" DROP CONSTRAINT "deadline_policies_positive";--> statement-breakpoint
ALTER TABLE "deadline_policies" DROP COLUMN "max_extension_months";--> statement-breakpoint
ALTER TABLE "deadline_policies" ADD CONSTRAINT "deadline_policies_positive" CHECK ("deadline_policies"."review_working_days" > 0 and "deadline_policies"."forward_working_days" > 0 and "deadline_policies"."max_term_months" > 0 and "deadline_policies"."extension_notice_working_days" > 0);
--> statement-breakpoint
CREATE TABLE "staff_profiles" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"surname" text NOT NULL,
	"first_name" text NOT NULL,
	"patronymic" text,
	"position_kk" text NOT NULL,
	"position_ru" text NOT NULL,
	"phone" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_settings" (
	"key" text NOT NULL,
	"language" text NOT NULL,
	"value" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_settings_key_language_pk" PRIMARY KEY("key","language"),
	CONSTRAINT "letter_settings_language_check" CHECK ("letter_settings"."language" in ('kk','ru'))
);
--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The answer letter's fixed words (DESIGN §2). Rows, not code, so a lawyer corrects them in place.
INSERT INTO "letter_settings" ("key", "language", "value", "source") VALUES
  ('letterhead', 'kk', E'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ СОТ ӘКІМШІЛІГІНІҢ\nЖАЛПЫ БӨЛІМІ', 'Reg. 1'),
  ('letterhead', 'ru', E'ОБЩИЙ ОТДЕЛ\nСУДЕБНОЙ АДМИНИСТРАЦИИ РЕСПУБЛИКИ КАЗАХСТАН', 'Reg. 1'),
  ('outgoing', 'kk', 'Шығыс № {number}, {date} ж.', 'record-keeping rules'),
  ('outgoing', 'ru', 'Исх. № {number} от {date}', 'record-keeping rules'),
  ('subject', 'kk', '{date} ж. № {appeal} өтінішке', 'record-keeping rules'),
  ('subject', 'ru', 'На обращение № {appeal} от {date}', 'record-keeping rules'),
  ('greeting_male', 'kk', 'Құрметті {name}!', ''),
  ('greeting_female', 'kk', 'Құрметті {name}!', ''),
  ('greeting_unknown', 'kk', 'Құрметті {name}!', ''),
  ('greeting_male', 'ru', 'Уважаемый {name}!', ''),
  ('greeting_female', 'ru', 'Уважаемая {name}!', ''),
  ('greeting_unknown', 'ru', 'Уважаемый(ая) {name}!', ''),
  ('outcome', 'kk', 'Қарау нәтижесі: {outcome}.', ''),
  ('outcome', 'ru', 'Результат рассмотрения: {outcome}.', ''),
  ('outcome_satisfied', 'kk', 'қанағаттандырылды', ''),
  ('outcome_satisfied', 'ru', 'удовлетворено', ''),
  ('outcome_explained', 'kk', 'түсіндірілді', ''),
  ('outcome_explained', 'ru', 'разъяснено', ''),
  ('outcome_refused', 'kk', 'қанағаттандырудан бас тартылды', ''),
  ('outcome_refused', 'ru', 'отказано в удовлетворении', ''),
  ('outcome_left_without_review', 'kk', 'қараусыз қалдырылды', ''),
  ('outcome_left_without_review', 'ru', 'оставлено без рассмотрения', ''),
  ('contest', 'kk', 'Жауаппен келіспесеңіз, ол туралы білген күннен бастап үш айдан кешіктірмей оған әкімшілік (сотқа дейінгі) тәртіппен жоғары тұрған органға (лауазымды адамға) шағым жасай аласыз; шағым Жалпы бөлім арқылы беріледі (ҚР ӘРПК-нің 91, 92-баптары). Сондай-ақ жауапқа ҚР ӘРПК-де белгіленген тәртіппен сотқа шағым жасауға болады.', 'APPK Art. 91(1), (3), (4); Art. 92(1): three months from the day the participant learnt of it; court: as the APPK provides'),
  ('contest', 'ru', 'Если Вы не согласны с ответом, Вы вправе обжаловать его в административном (досудебном) порядке вышестоящему органу (должностному лицу) не позднее трёх месяцев со дня, когда Вам стало о нём известно; жалоба подаётся через Общий отдел (статьи 91, 92 АППК РК). Ответ может быть обжалован и в суд в порядке, установленном АППК РК.', 'APPK Art. 91(1), (3), (4); Art. 92(1): three months from the day the participant learnt of it; court: as the APPK provides'),
  ('head_position', 'kk', 'Меңгеруші', 'Reg. 9: the Head of Department, меңгеруші; used until the Head''s staff profile gives the position'),
  ('head_position', 'ru', 'Заведующий', 'Reg. 9: the Head of Department, заведующий; used until the Head''s staff profile gives the position'),
  ('acting_head', 'kk', 'Меңгерушінің м.а.', 'Reg. 13-14; record-keeping rules: «м.а.» before the title of the one acting'),
  ('acting_head', 'ru', 'И.о. заведующего', 'Reg. 13-14; record-keeping rules: «И.о.» before the title of the one acting'),
  ('executor', 'kk', 'Орынд.: {name}', 'record-keeping rules: the executor''s mark'),
  ('executor', 'ru', 'Исп.: {name}', 'record-keeping rules: the executor''s mark'),
  ('executor_with_phone', 'kk', 'Орынд.: {name}, тел. {phone}', 'record-keeping rules: the executor''s mark'),
  ('executor_with_phone', 'ru', 'Исп.: {name}, тел. {phone}', 'record-keeping rules: the executor''s mark'),
  ('draft', 'kk', 'ЖОБА', ''),
  ('draft', 'ru', 'ПРОЕКТ', ''),
  ('title', 'kk', '№ {appeal} өтінішке жауап', ''),
  ('title', 'ru', 'Ответ на обращение № {appeal}', '');
--> statement-breakpoint
ALTER TABLE "consents" DROP CONSTRAINT "consents_user_version";--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_user_version_in_force" ON "consents" USING btree ("user_id","version") WHERE "consents"."withdrawn_at" is null;
--> statement-breakpoint
-- The sector's name in two words, as in locales/glossary.md; a name an administrator already changed is left alone.
UPDATE "units" SET "name_kk" = 'Құжат айналымы секторы' WHERE "code" = 'document_flow' AND "name_kk" = 'Құжатайналымы секторы';
