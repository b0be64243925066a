import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { defineCommand, defineComponent } from '../../framework/command';
import type { ComponentContext, Invoker, Services } from '../../framework/context';
import { errorMessage, relativeTime, toneEmbed } from '../../framework/embeds';
import { option } from '../../framework/options';
import { type ReplyMessage, reply } from '../../framework/reply';
import { etaSeconds } from '../../restore/eta';
import { type RestoreJobRow, RestoreJobStore } from '../../restore/job-store';
import { planForBackup } from '../../restore/plan-for-backup';
import type { PlanOptions } from '../../restore/plan-types';
import { progressBar, roughDuration } from '../../restore/progress';
import { startRestore } from '../../restore/start-restore';
import { previewMessage } from './restore/preview';
import type { RestoreIds } from './restore/restore-ids';
import { DEFAULT_COMPONENTS, decode, type EncodedOptions } from './restore/restore-options';
import { autocompleteBackups, backupAccess, backupIdOption, backupStore, findBackup } from './shared';

const TTL = 300;

async function preview(
  services: Services,
  invoker: Invoker,
  backupId: string,
  options: PlanOptions,
): Promise<ReplyMessage> {
  const guildId = invoker.guildId as string;
  const found = await findBackup(services, guildId, backupId);
  if ('missing' in found)
    return errorMessage('Backup not found', `This server has no backup \`${backupId}\`.`);
  const planned = await planForBackup(services, backupStore(services), guildId, found.row, options);
  if (!planned.ok)
    return errorMessage(
      'Backup unreadable',
      `\`${backupId}\` failed verification: ${planned.problems.join(' ')}`,
    );
  return previewMessage(ids, invoker, backupId, options, planned.plan);
}

/** Re-plan with changed options: heavy (the whole live server), so acknowledge first and edit. */
const replan = (ctx: ComponentContext, backupId: string, options: PlanOptions) =>
  reply.defer(() => preview(ctx, ctx, backupId, options), { update: true });

function statusMessage(
  job: {
    id: string;
    status: string;
    statusReason: string | null;
    startedAt: number | null;
    createdAt: number;
  },
  invoker: Invoker,
  progress?: { done: number; total: number; eta: number },
): ReplyMessage {
  return {
    embeds: [
      toneEmbed(
        'info',
        'Restore in progress',
        [
          `Job \`${job.id.slice(0, 8)}\` · **${job.status}** since ${relativeTime(job.startedAt ?? job.createdAt)}`,
          job.statusReason ?? '',
          progress?.total
            ? `\`${progressBar(progress.done, progress.total)}\` ${progress.done}/${progress.total} · about ${roughDuration(progress.eta)} left`
            : '',
          'One restore runs per server at a time.',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Cancel the restore',
            custom_id: stop.id(invoker, { job: job.id }),
          },
        ],
      },
    ],
  };
}

/** The status of the server's running restore, with its progress read from D1. */
async function activeStatus(jobs: RestoreJobStore, job: RestoreJobRow, invoker: Invoker) {
  const [counts, pace] = await Promise.all([jobs.counts(job.id), jobs.pace(job.id)]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = total - counts.pending - counts.in_flight;
  return statusMessage(job, invoker, { done, total, eta: etaSeconds(pace, Date.now()) });
}

const stop = defineComponent({
  pattern: 'rs.stop/:job',
  ttlSeconds: 0,
  mutates: true,
  async run(ctx, { job }) {
    const jobs = new RestoreJobStore(ctx.db);
    const row = await jobs.get(job);
    if (!row || row.guildId !== ctx.guildId || !['planned', 'running', 'paused'].includes(row.status)) {
      return reply.message(errorMessage('Nothing to cancel', 'That restore is not running.'));
    }
    await jobs.setStatus(row.id, 'cancelling', `Cancelled by <@${ctx.user.id}>`);
    return reply.message({
      ephemeral: true,
      embeds: [
        toneEmbed(
          'warning',
          'Cancelling',
          'The restore stops after the operation in progress; what is done stays done.',
        ),
      ],
    });
  },
});

const ids: RestoreIds = {
  components: defineComponent({
    pattern: 'rs.comp/:id/:mode/:mask/:sync',
    ttlSeconds: TTL,
    run(ctx, p) {
      const options = decode(p);
      return replan(ctx, p.id, {
        ...options,
        components: new Set(
          ctx.values as PlanOptions['components'] extends ReadonlySet<infer C> ? C[] : never,
        ),
      });
    },
  }),
  mode: defineComponent({
    pattern: 'rs.mode/:id/:mode/:mask/:sync',
    ttlSeconds: TTL,
    run: (ctx, p) =>
      replan(ctx, p.id, { ...decode(p), mode: decode({ ...p, mode: ctx.values[0] ?? p.mode }).mode }),
  }),
  sync: defineComponent({
    pattern: 'rs.sync/:id/:mode/:mask/:sync',
    ttlSeconds: TTL,
    run: (ctx, p) => replan(ctx, p.id, { ...decode(p), roleSync: p.sync !== '1' }),
  }),
  go: defineComponent({
    pattern: 'rs.go/:id/:mode/:mask/:sync',
    ttlSeconds: TTL,
    mutates: true,
    async run(ctx, p: EncodedOptions & { id: string }) {
      const guildId = ctx.guildId as string;
      const jobs = new RestoreJobStore(ctx.db);
      const found = await findBackup(ctx, guildId, p.id);
      if ('missing' in found) return found.missing;
      const started = await startRestore(
        { env: ctx.env, db: ctx.db, store: backupStore(ctx) },
        {
          guildId,
          row: found.row,
          options: decode(p),
          actorId: ctx.user.id,
          reply: {
            applicationId: ctx.config.applicationId,
            token: ctx.interaction.token,
            createdAt: Date.now(),
            channelId: ctx.channelId,
          },
        },
      );
      if (!started.ok) return reply.update(await activeStatus(jobs, started.active, ctx));
      const jobId = started.jobId;
      return reply.update({
        embeds: [
          toneEmbed(
            'warning',
            'Restore starting',
            'First a pinned safety backup of the server as it is now, then the plan is applied. This message shows the progress.',
          ),
        ],
        components:
          statusMessage(
            { id: jobId, status: 'planned', statusReason: null, startedAt: null, createdAt: Date.now() },
            ctx,
          ).components ?? [],
      });
    },
  }),
  dismiss: defineComponent({
    pattern: 'rs.dismiss',
    ttlSeconds: TTL,
    run: () =>
      reply.update({
        embeds: [toneEmbed('info', 'Restore dismissed', 'Nothing was changed.')],
        components: [],
      }),
  }),
};

export const restoreComponents = [ids.components, ids.mode, ids.sync, ids.go, ids.dismiss, stop];

export const backuprestore = defineCommand({
  ...backupAccess,
  name: 'backuprestore',
  description: 'Restore a backup: preview the plan, choose what and how, then apply it',
  help: 'Shows what would change (a dry run) before anything is written. Add missing is the default mode.',
  prefix: false,
  options: {
    id: backupIdOption,
    mode: option.string('How to restore (default: add missing)', {
      choices: [
        { name: 'add missing', value: 'add' },
        { name: 'sync', value: 'sync' },
        { name: 'mirror', value: 'mirror' },
      ],
    }),
  },
  autocomplete: autocompleteBackups,
  async run(ctx, { id, mode }) {
    const jobs = new RestoreJobStore(ctx.db);
    const active = await jobs.active(ctx.guildId as string);
    if (active) return reply.message(await activeStatus(jobs, active, ctx));
    const options: PlanOptions = {
      mode: (mode as PlanOptions['mode']) ?? 'add',
      components: new Set(DEFAULT_COMPONENTS),
      roleSync: false,
    };
    return reply.defer(() => preview(ctx, ctx, id, options));
  },
});
