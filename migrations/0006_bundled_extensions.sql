CREATE TABLE `member_levels` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`xp` integer DEFAULT 0 NOT NULL,
	`level` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`last_xp_at` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`guild_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `member_levels_rank` ON `member_levels` (`guild_id`,`xp`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`number` integer NOT NULL,
	`channel_id` text,
	`opener_id` text NOT NULL,
	`status` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`transcript_key` text,
	`message_count` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_guild_number` ON `tickets` (`guild_id`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_opener` ON `tickets` (`guild_id`,`opener_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_channel` ON `tickets` (`channel_id`);