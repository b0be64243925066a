import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Invoker } from '../../../framework/context';
import { colours } from '../../../framework/embeds';
import type { ReplyMessage } from '../../../framework/reply';
import type { PlanOptions, RestorePlan } from '../../../restore/plan-types';
import { RESTORE_COMPONENTS } from '../../../restore/plan-types';
import { roughDuration } from '../../../restore/progress';
import type { RestoreIds } from './restore-ids';
import { COMPONENT_LABELS, encode, MODES } from './restore-options';

/** The dry run: what a restore would do, its cost, and every problem, with the controls to change it. */
export function previewMessage(
  ids: RestoreIds,
  invoker: Invoker,
  backupId: string,
  options: PlanOptions,
  plan: RestorePlan,
): ReplyMessage {
  const e = encode(options);
  const params = { id: backupId, ...e };
  const blockers = plan.problems.filter((p) => p.severity === 'blocker');
  const warnings = plan.problems.filter((p) => p.severity === 'warning');
  const counts = Object.entries(plan.counts).map(([type, n]) => `${type} × ${n}`);
  const problems = [...blockers.map((p) => `⛔ ${p.message}`), ...warnings.map((p) => `⚠️ ${p.message}`)];
  return {
    embeds: [
      {
        title: `♻️ Restore \`${backupId}\`: preview`,
        color: blockers.length ? colours.error : plan.operations.length ? colours.warning : colours.success,
        description: [
          `**${MODES[options.mode]}**${options.components.has('members') ? ` · Role Sync ${options.roleSync ? 'on: members get exactly the backed-up roles' : 'off: roles are only added'}` : ''}`,
          plan.sameGuild ? 'Into this server, matched by id.' : 'Into another server: every id is remapped.',
          plan.operations.length
            ? `**${plan.operations.length}** operations · **${plan.calls}** API calls · about **${roughDuration(plan.estimateSeconds)}**`
            : '**Nothing to do**: the server already matches the backup for what is selected.',
          '',
          'Nothing has been changed. A pinned safety backup is taken before anything is applied.',
        ].join('\n'),
        fields: [
          {
            name: 'Components',
            value:
              RESTORE_COMPONENTS.filter((c) => options.components.has(c))
                .map((c) => COMPONENT_LABELS[c])
                .join(', ') || 'None',
          },
          ...(counts.length ? [{ name: 'Would do', value: counts.join('\n').slice(0, 1024) }] : []),
          ...(problems.length
            ? [
                {
                  name: `Problems (${blockers.length} blocking, ${warnings.length} warnings)`,
                  value: (
                    problems.slice(0, 8).join('\n') +
                    (problems.length > 8 ? `\n… and ${problems.length - 8} more` : '')
                  ).slice(0, 1024),
                },
              ]
            : []),
        ],
        timestamp: new Date().toISOString(),
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: ids.components.id(invoker, params),
            placeholder: 'What to restore',
            min_values: 1,
            max_values: RESTORE_COMPONENTS.length,
            options: RESTORE_COMPONENTS.map((c) => ({
              label: COMPONENT_LABELS[c],
              value: c,
              default: options.components.has(c),
            })),
          },
        ],
      },
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: ids.mode.id(invoker, params),
            options: (['add', 'sync', 'mirror'] as const).map((m) => ({
              label: MODES[m].split(':')[0] as string,
              description: MODES[m].split(': ')[1]?.slice(0, 100),
              value: m,
              default: options.mode === m,
            })),
          },
        ],
      },
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: `Role Sync: ${options.roleSync ? 'on' : 'off'}`,
            custom_id: ids.sync.id(invoker, params),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: '♻️ Restore',
            custom_id: ids.go.id(invoker, params),
            disabled: blockers.length > 0 || plan.operations.length === 0,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Cancel',
            custom_id: ids.dismiss.id(invoker, {}),
          },
        ],
      },
    ],
  };
}
