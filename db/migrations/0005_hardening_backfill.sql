-- Who disabled an application: the operator wrote its reason with the 运营停用： prefix.
UPDATE "apps" SET "disabled_by" = CASE WHEN "disabled_reason" LIKE '运营停用：%' THEN 'operator' ELSE 'user' END WHERE "status" = 'disabled';--> statement-breakpoint
-- Free quota already granted counts as claimed by its account (the person is unknown for these rows).
INSERT INTO "free_claims" ("person", "api", "user_id", "app_id", "created_at")
SELECT DISTINCT ON (a."user_id", p."api") 'user:' || a."user_id", p."api", a."user_id", p."app_id", p."created_at"
FROM "quota_packs" p JOIN "apps" a ON a."id" = p."app_id"
WHERE p."source" = 'free'
ORDER BY a."user_id", p."api", p."created_at"
ON CONFLICT DO NOTHING;
