import semver from 'semver';
import { z } from 'zod';
import type { AnyCommand, AnyComponent } from '../framework/command';
import type { HookHandler } from '../hooks/hook-handler';
import type { TaskContext, TaskInfo } from './task-context';

const NAME = /^[a-z][a-z0-9-]{1,31}$/;

/** The manifest every extension declares; validated at build time (npm test, npm run build) and at start. */
export const manifestSchema = z
  .object({
    name: z.string().regex(NAME, 'a lowercase name of 2-32 letters, digits and dashes'),
    version: z.string().refine((v) => semver.valid(v) !== null, 'a semver version such as 1.2.0'),
    author: z.string().min(1).max(64),
    description: z.string().min(1).max(100),
    /** Longer text for /extensions info and search. */
    details: z.string().max(2000).default(''),
    /** extension name → semver range, e.g. { core: '^1.0.0' }. */
    dependencies: z
      .record(
        z.string().regex(NAME),
        z.string().refine((r) => semver.validRange(r) !== null, 'a semver range such as ^1.0.0'),
      )
      .default({}),
    conflicts: z.array(z.string().regex(NAME)).default([]),
    /** Enabled in a guild until someone changes it. */
    enabledByDefault: z.boolean().default(true),
    /** Cannot be disabled (the framework's own commands). */
    required: z.boolean().default(false),
    /** Events it emits (beyond the framework's). */
    providesHooks: z.array(z.string()).default([]),
    /** Events it listens to; must match its hook handlers. */
    listensTo: z.array(z.string()).default([]),
    /** Command names; must match its command definitions. */
    commands: z.array(z.string()).default([]),
    /** Component keys; must match its component definitions. */
    components: z.array(z.string()).default([]),
    /** Scheduled-task types it adds (usable in /schedule create task_type). */
    taskTypes: z.array(z.string()).default([]),
    /** Human descriptions of the settings it stores, by key. */
    settings: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type ExtensionManifest = z.output<typeof manifestSchema>;
export type ExtensionManifestInput = z.input<typeof manifestSchema>;

/** A scheduled-task type an extension adds. */
export interface TaskTypeHandler {
  name: string;
  /** Runs one due task; throw to record a failed run. */
  run(ctx: TaskContext, task: TaskInfo): Promise<void> | void;
}

/** An extension: its manifest and its code, bundled into the worker. */
export interface ExtensionDefinition {
  manifest: ExtensionManifest;
  commands: AnyCommand[];
  components: AnyComponent[];
  hooks: HookHandler[];
  taskTypes: TaskTypeHandler[];
  /** Schema of its per-guild settings; `{}` parses to the defaults. */
  settings: z.ZodType<Record<string, unknown>>;
}

export function defineExtension(def: {
  manifest: ExtensionManifestInput;
  commands?: AnyCommand[];
  components?: AnyComponent[];
  hooks?: HookHandler[];
  taskTypes?: TaskTypeHandler[];
  settings?: z.ZodType<Record<string, unknown>>;
}): ExtensionDefinition {
  return {
    manifest: manifestSchema.parse(def.manifest),
    commands: def.commands ?? [],
    components: def.components ?? [],
    hooks: def.hooks ?? [],
    taskTypes: def.taskTypes ?? [],
    settings: def.settings ?? z.object({}),
  };
}
