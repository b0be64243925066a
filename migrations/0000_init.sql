CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_guild_time` ON `audit_log` (`guild_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `command_role_requirements` (
	`guild_id` text NOT NULL,
	`command` text NOT NULL,
	`role_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `command`, `role_id`)
);
--> statement-breakpoint
CREATE TABLE `command_stats` (
	`command` text NOT NULL,
	`guild_id` text NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`last_used_at` integer NOT NULL,
	PRIMARY KEY(`command`, `guild_id`)
);
--> statement-breakpoint
CREATE TABLE `cooldowns` (
	`bucket` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`uses` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cooldowns_expiry` ON `cooldowns` (`expires_at`);--> statement-breakpoint
CREATE TABLE `guild_settings` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`prefix` text,
	`mention_prefix` integer,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `interaction_receipts` (
	`interaction_id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `interaction_receipts_time` ON `interaction_receipts` (`created_at`);