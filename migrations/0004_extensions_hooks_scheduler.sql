CREATE TABLE `framework_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `guild_extensions` (
	`guild_id` text NOT NULL,
	`extension` text NOT NULL,
	`enabled` integer,
	`settings` text,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `extension`)
);
--> statement-breakpoint
CREATE TABLE `hook_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`event` text NOT NULL,
	`guild_id` text,
	`at` integer NOT NULL,
	`success_count` integer NOT NULL,
	`error_count` integer NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`avg_ms` integer NOT NULL,
	`queue_delay_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hook_history_event` ON `hook_history` (`event`,`at`);--> statement-breakpoint
CREATE INDEX `hook_history_time` ON `hook_history` (`at`);--> statement-breakpoint
CREATE TABLE `hook_metrics` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hook_receipts` (
	`event_id` text NOT NULL,
	`hook_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `hook_id`)
);
--> statement-breakpoint
CREATE INDEX `hook_receipts_time` ON `hook_receipts` (`at`);--> statement-breakpoint
CREATE TABLE `hook_state` (
	`hook_id` text PRIMARY KEY NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`failures` text DEFAULT '[]' NOT NULL,
	`open_until` integer,
	`executions` integer DEFAULT 0 NOT NULL,
	`failure_count` integer DEFAULT 0 NOT NULL,
	`total_ms` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scheduled_task_runs` (
	`task_id` text NOT NULL,
	`scheduled_for` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`ok` integer,
	`error` text,
	PRIMARY KEY(`task_id`, `scheduled_for`)
);
--> statement-breakpoint
CREATE TABLE `scheduled_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`name` text NOT NULL,
	`cron` text NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`task_type` text NOT NULL,
	`channel_id` text,
	`content` text,
	`max_runs` integer,
	`run_count` integer DEFAULT 0 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`next_run_at` integer,
	`last_run_at` integer,
	`last_error` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_tasks_guild_name` ON `scheduled_tasks` (`guild_id`,`name`);--> statement-breakpoint
CREATE INDEX `scheduled_tasks_due` ON `scheduled_tasks` (`enabled`,`next_run_at`);