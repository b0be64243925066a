import { defineExtension } from '../../extension';
import { LEVELS_EXTENSION, leaderboard, leaderboardPageButton, levelsSet, rank } from './commands';
import { earnXp } from './hooks';
import { levelSettings } from './settings';

const commands = [rank, leaderboard, levelsSet];

/** Levels: XP per message with a cooldown, level-up messages, /rank and a paginated /leaderboard. */
export const levelsExtension = defineExtension({
  manifest: {
    name: LEVELS_EXTENSION,
    version: '1.0.0',
    author: 'Edgeward',
    description: 'XP for chatting, with a cooldown; level-up messages, /rank and /leaderboard',
    details:
      'Members earn 15–25 XP for a message, at most once a minute by default. Level n needs 5n² + 50n + 100 XP more than the one before. Runs on the gateway’s messages.',
    enabledByDefault: false,
    listensTo: ['message_created'],
    commands: commands.map((c) => c.name),
    components: [leaderboardPageButton.key],
    settings: {
      cooldownSeconds: 'seconds between two messages that earn XP',
      xpMin: 'the least XP a message earns',
      xpMax: 'the most XP a message earns',
      noXpChannels: 'channels where messages earn nothing',
      noXpRoles: 'roles whose members earn nothing',
      announceChannelId: 'where level-ups are announced (or off)',
      message: 'the level-up text',
    },
  },
  commands,
  components: [leaderboardPageButton],
  hooks: [earnXp],
  settings: levelSettings,
});
