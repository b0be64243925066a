CREATE TABLE `backup_jobs` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`phase` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `backup_schedules` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`interval_hours` integer NOT NULL,
	`next_run_at` integer NOT NULL,
	`last_run_at` integer,
	`last_error` text,
	`alert_channel_id` text,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `backup_schedules_due` ON `backup_schedules` (`enabled`,`next_run_at`);--> statement-breakpoint
CREATE TABLE `backups` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`label` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`kind` text NOT NULL,
	`schema_version` integer NOT NULL,
	`object_key` text NOT NULL,
	`raw_size` integer NOT NULL,
	`stored_size` integer NOT NULL,
	`checksum` text NOT NULL,
	`content_hash` text NOT NULL,
	`counts` text NOT NULL,
	`member_role_count` integer NOT NULL,
	`guild_name` text NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`job_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backups_job_id_unique` ON `backups` (`job_id`);--> statement-breakpoint
CREATE INDEX `backups_guild_time` ON `backups` (`guild_id`,`created_at`);