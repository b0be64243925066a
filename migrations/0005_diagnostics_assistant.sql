CREATE TABLE `assistant_answers` (
	`key` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`answer` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assistant_answers_expiry` ON `assistant_answers` (`expires_at`);--> statement-breakpoint
CREATE TABLE `assistant_index_state` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`refreshed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `assistant_slots` (
	`slot` integer PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `diagnostic_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`command` text NOT NULL,
	`guild_id` text,
	`message` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `diagnostic_errors_time` ON `diagnostic_errors` (`at`);--> statement-breakpoint
CREATE TABLE `health_snapshots` (
	`resolution` text NOT NULL,
	`at` integer NOT NULL,
	`tier` text NOT NULL,
	`error_rate` real NOT NULL,
	`processed` integer NOT NULL,
	`failed` integer NOT NULL,
	`p50_ms` integer,
	`p99_ms` integer,
	`pending_migrations` integer DEFAULT 0 NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`resolution`, `at`)
);
--> statement-breakpoint
CREATE TABLE `latency_minutes` (
	`minute` integer NOT NULL,
	`bucket` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `metric_minutes` (
	`minute` integer NOT NULL,
	`command` text NOT NULL,
	`ok` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`invalid_input` integer DEFAULT 0 NOT NULL,
	`unknown` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `command`)
);
--> statement-breakpoint
CREATE TABLE `rest_minutes` (
	`minute` integer NOT NULL,
	`route` text NOT NULL,
	`status` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `route`, `status`)
);
--> statement-breakpoint
-- Written by hand (drizzle cannot express it): the assistant's search index. `scope` is 'docs',
-- 'deployment' or 'guild:<id>'; searches only ever read 'docs', 'deployment' and the asking guild's scope.
CREATE VIRTUAL TABLE `assistant_passages` USING fts5(
	`title`,
	`body`,
	`source` UNINDEXED,
	`scope` UNINDEXED,
	tokenize = 'porter unicode61'
);
