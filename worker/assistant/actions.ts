/** The /ask actions (the seed's), each with who may use it and where its answers come from. */
export const ASK_ACTIONS = [
  'help',
  'framework',
  'plugins',
  'diagnose',
  'slash',
  'hooks',
  'automations',
  'database',
  'file',
  'extension',
  'readme',
  'permission',
] as const;
export type AskAction = (typeof ASK_ACTIONS)[number];

export interface ActionSpec {
  label: string;
  /** Only bot owners. */
  ownerOnly: boolean;
  /** Source prefixes searched first (all sources when these find fewer than 3 passages). */
  sources: readonly string[];
  /** Passages shown whatever the question (live state the action is about). */
  always: readonly string[];
  /** The question when none is given. */
  defaultQuery: string;
}

export const ACTIONS: Record<AskAction, ActionSpec> = {
  help: { label: 'How to use /ask', ownerOnly: false, sources: [], always: [], defaultQuery: '' },
  framework: {
    label: 'The framework',
    ownerOnly: false,
    sources: ['README.md', 'docs/', 'config:'],
    always: [],
    defaultQuery: 'architecture of the framework workers durable objects d1 gateway',
  },
  plugins: {
    label: 'Extensions (plugins)',
    ownerOnly: false,
    sources: ['extension:', 'docs/extensions.md'],
    always: [],
    defaultQuery: 'extensions plugins manifest enable disable',
  },
  diagnose: {
    label: 'Diagnose a problem',
    ownerOnly: false,
    sources: ['errors:', 'diagnostics:', 'docs/diagnostics.md', 'hooks:'],
    always: ['errors:recent', 'diagnostics:health'],
    defaultQuery: 'errors health failed',
  },
  slash: {
    label: 'Slash commands',
    ownerOnly: false,
    sources: ['registry:slash-usage', 'command:'],
    always: ['registry:slash-usage'],
    defaultQuery: 'slash commands limit sync',
  },
  hooks: {
    label: 'Event hooks',
    ownerOnly: false,
    sources: ['hooks:', 'extension:event-hooks', 'docs/hooks.md', 'command:/eh_'],
    always: ['hooks:'],
    defaultQuery: 'event hooks circuit breaker history',
  },
  automations: {
    label: 'Automations (scheduled tasks)',
    ownerOnly: false,
    sources: ['scheduler:', 'extension:scheduler', 'docs/scheduler.md', 'command:/schedule'],
    always: ['scheduler:'],
    defaultQuery: 'scheduled tasks cron schedule',
  },
  database: {
    label: 'The database',
    ownerOnly: false,
    sources: ['database:', 'docs/architecture.md'],
    always: [],
    defaultQuery: 'D1 tables migrations',
  },
  file: {
    label: 'An attached file',
    ownerOnly: true,
    sources: [],
    always: [],
    defaultQuery: 'what does this file do',
  },
  extension: {
    label: 'One extension',
    ownerOnly: false,
    sources: ['extension:'],
    always: [],
    defaultQuery: 'extension',
  },
  readme: {
    label: 'The README',
    ownerOnly: false,
    sources: ['README.md'],
    always: [],
    defaultQuery: 'Edgeward quick start',
  },
  permission: {
    label: 'Permissions',
    ownerOnly: true,
    sources: ['permissions:', 'command:'],
    always: ['permissions:'],
    defaultQuery: 'permissions owner only roles needs',
  },
};

export function helpText(isOwner: boolean): string {
  const lines = ASK_ACTIONS.filter((a) => isOwner || !ACTIONS[a].ownerOnly).map(
    (a) => `\`${a}\` — ${ACTIONS[a].label}${ACTIONS[a].ownerOnly ? ' (bot owner)' : ''}`,
  );
  return [
    'Ask about this bot: `/ask action:<topic> query:<your question>`. Answers come from the bot’s own documentation, commands, extensions and live state (never secrets, never another server’s data), with the passages they rely on.',
    '',
    ...lines,
    '',
    'One question per 15 seconds per user.',
  ].join('\n');
}
