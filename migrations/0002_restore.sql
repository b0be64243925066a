CREATE TABLE `restore_id_map` (
	`source_guild_id` text NOT NULL,
	`target_guild_id` text NOT NULL,
	`source_id` text NOT NULL,
	`target_id` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`source_guild_id`, `target_guild_id`, `source_id`)
);
--> statement-breakpoint
CREATE TABLE `restore_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`backup_id` text NOT NULL,
	`source_guild_id` text NOT NULL,
	`options` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`safety_backup_id` text,
	`reply` text,
	`calls_made` integer DEFAULT 0 NOT NULL,
	`report` text
);
--> statement-breakpoint
CREATE INDEX `restore_jobs_guild` ON `restore_jobs` (`guild_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `restore_ops` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`op` text NOT NULL,
	`state` text NOT NULL,
	`target_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`started_at` integer,
	PRIMARY KEY(`job_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `restore_ops_state` ON `restore_ops` (`job_id`,`state`,`seq`);