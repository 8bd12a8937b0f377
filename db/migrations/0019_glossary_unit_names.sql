-- The sector's name in two words, as in locales/glossary.md; a name an administrator already changed is left alone.
UPDATE "units" SET "name_kk" = 'Құжат айналымы секторы' WHERE "code" = 'document_flow' AND "name_kk" = 'Құжатайналымы секторы';
