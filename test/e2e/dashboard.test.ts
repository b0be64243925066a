import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../bench/setup';
import { fireDueCrons, projectCrons } from '../../cli/cron-driver';
import { runWrangler } from '../../cli/wrangler-dev';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { type Stack, startStack } from './stack';

const ARTIFACTS = `${root}test-artifacts`;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const byTestId = (page: Page, id: string) => page.getByTestId(id);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${ARTIFACTS}/dashboard-${name}.png`, fullPage: true });

/** Opens the dashboard in a fresh browser profile and logs in on the emulator's Discord page as `userId`. */
async function logIn(userId: string, viewport = { width: 1200, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(stack.dashboardUrl);
  await byTestId(page, 'login-button').click();
  await page.locator(`a[href*="login_as=${userId}"]`).click();
  await byTestId(page, 'user-name').waitFor();
  return page;
}

/** Runs /serversettings in the demo server through the emulator, as alan; returns the prefix field. */
async function prefixShownBySlashCommand() {
  const res = await fetch(`${stack.emulator.url}/__emulator/interactions/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 2,
      user_id: DEMO.users.alan,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'serversettings' },
    }),
  });
  const sent = (await res.json()) as { response: { data: { embeds: { fields: { value: string }[] }[] } } };
  return sent.response.data.embeds[0]?.fields[0]?.value ?? '';
}

describe('the dashboard in Chromium', () => {
  it('logs an admin in through Discord and shows only the servers they manage', async () => {
    const page = await logIn(DEMO.users.alan);
    await shot(page, 'landing-after-login');
    await byTestId(page, 'guilds-list').waitFor();
    expect(await byTestId(page, `guild-${DEMO.guildId}`).isVisible()).toBe(true);
    expect(await byTestId(page, `guild-${DEMO.otherGuildId}`).count()).toBe(0);
    await shot(page, 'servers');
    await page.context().close();
  });

  it('changes the prefix, and the slash command shows it', async () => {
    const page = await logIn(DEMO.users.alan);
    await byTestId(page, `guild-${DEMO.guildId}`).click();
    await byTestId(page, 'tab-settings').click();
    await byTestId(page, 'prefix-input').fill('a b');
    await byTestId(page, 'prefix-save').click();
    await byTestId(page, 'prefix-error').waitFor();
    expect(await prefixShownBySlashCommand()).toContain('`!`');
    await byTestId(page, 'prefix-input').fill('?');
    await byTestId(page, 'prefix-save').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="prefix-current"]')?.textContent?.includes('?'),
    );
    await shot(page, 'settings');
    expect(await prefixShownBySlashCommand()).toContain('`?`');
    await page.context().close();
  });

  it('enables an extension from the Extensions tab', async () => {
    const page = await logIn(DEMO.users.alan);
    await byTestId(page, `guild-${DEMO.guildId}`).click();
    await byTestId(page, 'tab-extensions').click();
    const levels = byTestId(page, 'extension-switch-levels');
    expect(await levels.getAttribute('aria-pressed')).toBe('false');
    expect(await byTestId(page, 'extension-switch-core').isDisabled()).toBe(true);
    await levels.click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="extension-switch-levels"]')?.getAttribute('aria-pressed') ===
        'true',
    );
    expect(await byTestId(page, 'extension-switch-levels').textContent()).toContain('On');
    // Its settings here, folded away: the defaults until a command changes them.
    await byTestId(page, 'extension-settings-levels').locator('summary').click();
    expect(await byTestId(page, 'extension-setting-levels-cooldownSeconds').textContent()).toBe('60');
    expect(await byTestId(page, 'extension-setting-levels-noXpRoles').textContent()).toBe('none');
    await shot(page, 'extensions');
    await page.context().close();
  });

  it('creates and pins a backup, refuses to delete it while pinned, and logs out', async () => {
    const page = await logIn(DEMO.users.alan);
    await byTestId(page, `guild-${DEMO.guildId}`).click();
    await byTestId(page, 'tab-backups').click();
    await byTestId(page, 'backup-label-input').fill('From Chromium');
    await byTestId(page, 'create-backup').click();
    const row = page.locator('[data-testid^="backup-row-"]').first();
    await row.waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-backup-id')) as string;
    expect(await byTestId(page, `backup-title-${id}`).textContent()).toContain('From Chromium');
    // Admins without BACKUP_EXPORT_ALLOW_ADMINS cannot export: no button. Verify re-hashes the stored bytes.
    expect(await byTestId(page, `backup-export-${id}`).count()).toBe(0);
    await byTestId(page, `backup-verify-${id}`).click();
    await page.waitForFunction(
      (testId) => /verified/i.test(document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? ''),
      `backup-verify-result-${id}`,
    );
    await byTestId(page, `backup-note-edit-${id}`).click();
    await byTestId(page, `backup-label-edit-${id}`).fill('Renamed in Chromium');
    await byTestId(page, `backup-note-input-${id}`).fill('keep this one');
    await byTestId(page, `backup-note-save-${id}`).click();
    await page.waitForFunction(
      (testId) =>
        document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes('Renamed in Chromium'),
      `backup-title-${id}`,
    );
    await byTestId(page, `backup-pin-${id}`).click();
    await byTestId(page, `backup-pinned-${id}`).waitFor();
    await byTestId(page, `backup-delete-${id}`).click();
    await byTestId(page, 'confirm-ok').click();
    await byTestId(page, 'confirm-error').waitFor();
    expect(await byTestId(page, 'confirm-error').textContent()).toContain('pinned');
    await shot(page, 'backups-delete-refused');
    await byTestId(page, 'confirm-cancel').click();
    expect(await byTestId(page, `backup-row-${id}`).isVisible()).toBe(true);
    await byTestId(page, 'tab-analytics').click();
    await byTestId(page, 'analytics-backups-chart').waitFor();
    expect(await byTestId(page, 'analytics-backup-count').textContent()).toContain('1');
    await shot(page, 'analytics');
    await byTestId(page, 'logout-button').click();
    await byTestId(page, 'login-button').waitFor();
    await shot(page, 'logged-out');
    await page.context().close();
  });

  it('restores a deleted channel from the dashboard: preview, confirm, live progress, report', async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${stack.emulator.url}/__emulator${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // As a backup bot should be: its member also holds the server's top role.
    await control('PATCH', `/guilds/${DEMO.guildId}/members/${DEMO.botUserId}`, {
      roles: [DEMO.roles.bot, DEMO.roles.admin],
    });
    // The bot owner (olive): an earlier test's backup started the server's cooldown, which owners bypass.
    const page = await logIn(DEMO.users.olive);
    await byTestId(page, `guild-${DEMO.guildId}`).click();
    await byTestId(page, 'tab-backups').click();
    await byTestId(page, 'backup-label-input').fill('Before the raid');
    await byTestId(page, 'create-backup').click();
    const row = page.locator('[data-testid^="backup-row-"]', { hasText: 'Before the raid' }).first();
    await row.waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-backup-id')) as string;
    await control('DELETE', `/channels/${DEMO.channels.admins}`);

    // Compare: the channel is gone since the backup.
    await byTestId(page, `backup-compare-${id}`).click();
    await page.waitForFunction(() =>
      /1 change/.test(document.querySelector('[data-testid="compare-summary"]')?.textContent ?? ''),
    );
    expect(await byTestId(page, `compare-change-channel-${DEMO.channels.admins}`).textContent()).toContain(
      'gone',
    );
    await shot(page, 'compare');
    await byTestId(page, 'compare-close').click();

    await byTestId(page, `backup-restore-${id}`).click();
    await byTestId(page, 'restore-panel').waitFor();
    await byTestId(page, 'restore-mode-sync').check();
    await byTestId(page, 'restore-preview').click();
    await page.waitForFunction(() =>
      /channel\.create × 1/.test(document.querySelector('[data-testid="restore-plan"]')?.textContent ?? ''),
    );
    await shot(page, 'restore-preview');
    await byTestId(page, 'restore-start').click();
    await byTestId(page, 'confirm-ok').click();
    await byTestId(page, 'restore-report').waitFor({ timeout: 60_000 });
    expect(await byTestId(page, 'restore-report').textContent()).toMatch(/matches the backup/i);
    await shot(page, 'restore-report');
    const channels = (await (
      await fetch(`${stack.emulator.apiBase}/guilds/${DEMO.guildId}/channels`, {
        headers: { authorization: `Bot ${stack.emulator.botToken}` },
      })
    ).json()) as { name: string }[];
    expect(channels.some((c) => c.name === 'admins')).toBe(true);
    await page.context().close();
  });

  it('shows a member only the server they own, on a phone-sized screen', async () => {
    const page = await logIn(DEMO.users.max, { width: 390, height: 844 });
    await byTestId(page, 'guilds-list').waitFor();
    expect(await byTestId(page, `guild-${DEMO.otherGuildId}`).isVisible()).toBe(true);
    expect(await byTestId(page, `guild-${DEMO.guildId}`).count()).toBe(0);
    await shot(page, 'phone-servers');
    await page.context().close();
  });

  it('charts the health history and latency for the bot owner, over 4 hours or 7 days', async () => {
    // Live metrics: a few commands through Discord. History: what the 5-minute cron would have stored
    // (wrangler dev runs no cron), written to the worker's local D1 (its config: see startStack).
    for (let i = 0; i < 3; i++) await prefixShownBySlashCommand();
    const now = Date.now();
    const row = (resolution: string, at: number, rate: number, p50: number, p99: number) => {
      const tier = rate >= 10 ? 'critical' : rate >= 5 ? 'degraded' : 'healthy';
      return `('${resolution}', ${at}, '${tier}', ${rate}, 40, ${Math.round(rate * 0.4)}, ${p50}, ${p99}, 0, '{}')`;
    };
    const spike = (i: number, at: number) => (i === at ? 12.5 : Math.abs(i - at) === 1 ? 7.5 : 0);
    const recent = Array.from({ length: 48 }, (_, i) =>
      row('5m', now - (47 - i) * 300_000, spike(i, 30), 100, i === 30 ? 2000 : 300),
    );
    const hourStart = Math.floor(now / 3_600_000) * 3_600_000;
    const hourly = Array.from({ length: 7 * 24 }, (_, i) =>
      row(
        '1h',
        hourStart - (167 - i) * 3_600_000,
        spike(i, 100),
        i % 24 < 8 ? 50 : 150,
        i === 100 ? 5000 : 750,
      ),
    );
    const written = await runWrangler([
      'd1',
      'execute',
      'DB',
      '--local',
      '--config',
      `${root}.e2e/worker/wrangler.toml`,
      '--command',
      `INSERT INTO health_snapshots (resolution, at, tier, error_rate, processed, failed, p50_ms, p99_ms, pending_migrations, details) VALUES ${[...recent, ...hourly].join(', ')}`,
    ]);
    expect(written).toBe(0);

    const page = await logIn(DEMO.users.olive);
    await byTestId(page, 'nav-owner').click();
    await byTestId(page, 'health-error-chart').waitFor();
    expect(await byTestId(page, 'health-tier').textContent()).toMatch(/Healthy|Degraded|Critical/);
    expect(await byTestId(page, 'health-p50').textContent()).toMatch(/≤ \d/);
    expect(await byTestId(page, 'health-hook-queue').textContent()).toMatch(
      /^\d+hook queuewaiting or retrying · \d+ dead letters?$/,
    );
    const charts = byTestId(page, 'health-charts');
    expect(await charts.getAttribute('data-range')).toBe('4h');
    expect(await byTestId(page, 'health-range-4h').getAttribute('aria-pressed')).toBe('true');
    expect(await byTestId(page, 'health-error-summary').textContent()).toContain('peaked at 12.5 %');
    expect(await byTestId(page, 'health-error-chart').getAttribute('role')).toBe('img');
    // 48 points with a tooltip each, one line for the error rate and two for latency, two thresholds.
    expect(await byTestId(page, 'health-error-chart').locator('.point').count()).toBe(48);
    expect(await byTestId(page, 'health-error-chart').locator('.threshold').count()).toBe(2);
    expect(await byTestId(page, 'health-error-chart').locator('.strip.tier-critical').count()).toBe(1);
    expect(await byTestId(page, 'health-latency-chart').locator('polyline').count()).toBe(2);
    expect(await byTestId(page, 'health-latency-summary').textContent()).toContain('p99 peaked at ≤ 2 s');
    await byTestId(page, 'owner-health').screenshot({ path: `${ARTIFACTS}/dashboard-owner-health-4h.png` });

    await byTestId(page, 'health-range-7d').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="health-charts"]')?.getAttribute('data-range') === '7d',
    );
    expect(await byTestId(page, 'health-range-7d').getAttribute('aria-pressed')).toBe('true');
    expect(await byTestId(page, 'health-range-4h').getAttribute('aria-pressed')).toBe('false');
    expect(await byTestId(page, 'health-error-chart').locator('.point').count()).toBeGreaterThanOrEqual(168);
    expect(await byTestId(page, 'health-error-summary').textContent()).toContain('last 7 days');
    expect(await byTestId(page, 'health-latency-summary').textContent()).toContain('p99 peaked at ≤ 5 s');
    await byTestId(page, 'owner-health').screenshot({ path: `${ARTIFACTS}/dashboard-owner-health-7d.png` });
    await byTestId(page, 'health-range-4h').click();
    expect(await byTestId(page, 'health-error-chart').locator('.point').count()).toBe(48);
    await page.context().close();
  });

  it('gives the bot owner the owner view', async () => {
    const page = await logIn(DEMO.users.olive);
    await byTestId(page, 'nav-owner').click();
    await byTestId(page, 'owner-view').waitFor();
    await byTestId(page, 'owner-config').waitFor();
    expect(await byTestId(page, 'owner-guilds').textContent()).toContain('2');
    await byTestId(page, `owner-server-${DEMO.otherGuildId}`).locator('a').click();
    await byTestId(page, 'server-name').waitFor();
    expect(await byTestId(page, 'server-name').textContent()).toContain('Other Guild');
    await shot(page, 'owner');
    await page.context().close();
  });

  it("runs the worker's 5-minute cron through wrangler dev the way npm start does, storing a health snapshot", async () => {
    const page = await logIn(DEMO.users.olive);
    const latest = async () => {
      const res = await page.request.get(`${stack.dashboardUrl}/api/owner/health?range=4h`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { history: { recent: { points: { at: number }[] } } };
      return Math.max(0, ...body.history.recent.points.map((p) => p.at));
    };
    const before = Date.now();
    expect(await latest()).toBeLessThan(before);
    const errors: string[] = [];
    const fired = await fireDueCrons(
      {
        workerUrl: stack.workerUrl,
        crons: projectCrons(root),
        onError: (cron, e) => errors.push(`${cron}: ${e}`),
      },
      Math.floor(before / 300_000) * 300_000,
    );
    expect(fired).toContain('*/5 * * * *');
    expect(errors).toEqual([]);
    expect(await latest()).toBeGreaterThanOrEqual(before);
    await page.context().close();
  });
});
