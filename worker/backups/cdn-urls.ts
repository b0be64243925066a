/** Discord CDN paths (developers/reference.mdx, "Image Formatting"), relative to DISCORD_CDN_BASE. */
const ext = (hash: string) => (hash.startsWith('a_') ? 'gif' : 'png');

export const cdn = {
  guildIcon: (base: string, guildId: string, hash: string) => `${base}/icons/${guildId}/${hash}.${ext(hash)}`,
  guildBanner: (base: string, guildId: string, hash: string) =>
    `${base}/banners/${guildId}/${hash}.${ext(hash)}`,
  guildSplash: (base: string, guildId: string, hash: string) => `${base}/splashes/${guildId}/${hash}.png`,
  discoverySplash: (base: string, guildId: string, hash: string) =>
    `${base}/discovery-splashes/${guildId}/${hash}.png`,
  roleIcon: (base: string, roleId: string, hash: string) => `${base}/role-icons/${roleId}/${hash}.png`,
  emoji: (base: string, id: string, animated: boolean) => `${base}/emojis/${id}.${animated ? 'gif' : 'png'}`,
  /** Sticker format types: 1 PNG, 2 APNG, 3 LOTTIE (JSON), 4 GIF. */
  sticker: (base: string, id: string, formatType: number) =>
    `${base}/stickers/${id}.${formatType === 3 ? 'json' : formatType === 4 ? 'gif' : 'png'}`,
};
