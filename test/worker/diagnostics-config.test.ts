import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../worker/config';
import { schemaEmbeds } from '../../worker/diagnostics/commands/fw-config-schema';
import { configReportEmbed } from '../../worker/diagnostics/commands/fw-config-validate';
import { BINDINGS, VARIABLES } from '../../worker/diagnostics/config-catalogue';
import { configReport, configSchemaEntries } from '../../worker/diagnostics/config-report';
import type { Env } from '../../worker/env';

const SECRET = 'emulator-bot-token-that-must-not-leak';
/** A complete, valid production-like environment (bindings from the test env). */
const valid = (overrides: Record<string, string | undefined> = {}): Env =>
  ({
    DB: env.DB,
    BACKUPS: env.BACKUPS,
    BACKUP_QUEUE: env.BACKUP_QUEUE,
    RESTORE_RUNNER: env.RESTORE_RUNNER,
    REST_BUDGET: env.REST_BUDGET,
    GATEWAY_SHARD: env.GATEWAY_SHARD,
    GATEWAY_COORDINATOR: env.GATEWAY_COORDINATOR,
    DISCORD_APPLICATION_ID: '1300000000000000001',
    DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
    DISCORD_TOKEN: SECRET,
    BOT_OWNER_ID: '1300000000000001000',
    ...overrides,
  }) as unknown as Env;
const PROD = 'https://edgeward.example.workers.dev';
const findingsOf = (e: Env, origin = PROD) => configReport(e, origin).findings;
const errorsFor = (e: Env, name: string) =>
  findingsOf(e).filter((f) => f.name === name && f.severity === 'error');

/** A value each variable refuses, with the words its message must contain (any token text is accepted). */
const MALFORMED: Record<string, [string, RegExp]> = {
  DISCORD_APPLICATION_ID: ['my-app', /Discord id/],
  DISCORD_PUBLIC_KEY: ['abc123', /64 hexadecimal/],
  BOT_OWNER_ID: ['olive', /Discord id/],
  DISCORD_API_BASE: ['discord dot com', /URL/],
  DEFAULT_PREFIX: ['a b', /spaces/],
  ALLOW_MENTION_PREFIX: ['maybe', /true or false/],
  SLASH_SAFE_LIMIT: ['101', /100/],
  SLASH_WARNING_LIMIT: ['ninety', /number/],
  SIGNATURE_MAX_AGE_SECONDS: ['1', /5/],
  DISCORD_CDN_BASE: ['cdn', /URL/],
  BACKUP_MAX_PER_GUILD: ['0', /1/],
  BACKUP_COOLDOWN: ['1.5', /whole number/],
  BACKUP_RETENTION_DAYS: ['-1', /0/],
  BACKUP_AUTO_KEEP: ['1000', /100/],
  BACKUP_EXPORT_ALLOW_ADMINS: ['sure', /true or false/],
  EXPORT_SIGNING_SECRET: ['short', /16 characters/],
  GATEWAY_ENABLED: ['on', /true or false/],
  SHARD_COUNT: ['0', /1/],
  SHARDS_PER_CLUSTER: ['1000', /256/],
  GATEWAY_MESSAGE_CONTENT: ['enabled', /true or false/],
  GATEWAY_MEMBERS_INTENT: ['2', /true or false/],
  SHARD_ALERT_THRESHOLD: ['21', /20/],
  DISCORD_CLIENT_SECRET: ['abc', /client secret/],
  DASHBOARD_URL: ['edgeward', /URL/],
  DISCORD_WEB_BASE: ['web', /URL/],
  REST_INVALID_BUDGET: ['9001', /9000/],
  DIAGNOSTICS_METRICS: ['perhaps', /true or false/],
};

describe('the configuration check', () => {
  const names = Object.keys(configSchema.in.shape);

  it('describes every variable of the schema, and nothing else', () => {
    expect(Object.keys(VARIABLES).sort()).toEqual([...names].sort());
    expect(Object.keys(MALFORMED).sort()).toEqual(names.filter((n) => n !== 'DISCORD_TOKEN').sort());
  });

  it('passes a complete environment with no errors', () => {
    const report = configReport(valid(), PROD);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each(Object.keys(MALFORMED))(
    '%s: malformed is an error that says what is wrong and what to do',
    (name) => {
      const [value, message] = MALFORMED[name] as [string, RegExp];
      const [finding, ...more] = errorsFor(valid({ [name]: value }), name);
      expect(more).toEqual([]);
      expect(finding?.problem).toMatch(/^is malformed: /);
      expect(finding?.problem).toMatch(message);
      expect(finding?.fix).toContain(name);
    },
  );

  it.each(names)('%s: missing is an error only when required', (name) => {
    const found = errorsFor(valid({ [name]: undefined }), name);
    const required = ['DISCORD_APPLICATION_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_TOKEN'].includes(name);
    expect(found.map((f) => f.problem)).toEqual(required ? ['is missing (required)'] : []);
  });

  it('warns about a token pasted with its "Bot " prefix, without printing it', () => {
    const [finding] = findingsOf(valid({ DISCORD_TOKEN: `Bot ${SECRET}` })).filter(
      (f) => f.name === 'DISCORD_TOKEN',
    );
    expect(finding).toMatchObject({ kind: 'secret', severity: 'warning' });
    expect(JSON.stringify(finding)).not.toContain(SECRET);
  });

  it('treats an empty value as missing', () => {
    expect(errorsFor(valid({ DISCORD_TOKEN: '  ' }), 'DISCORD_TOKEN')[0]?.problem).toBe(
      'is missing (required)',
    );
  });

  it.each(Object.keys(BINDINGS))('binding %s: missing, or bound to the wrong thing', (name) => {
    const missing = findingsOf({ ...valid(), [name]: undefined } as Env).find((f) => f.name === name);
    expect(missing?.severity).toBe(BINDINGS[name]?.required ? 'error' : 'info');
    const wrong = findingsOf({ ...valid(), [name]: 'a string' } as unknown as Env).find(
      (f) => f.name === name,
    );
    expect(wrong).toMatchObject({ severity: 'error', problem: expect.stringContaining('not to a') });
  });

  it('warns about suspicious values, with what to do', () => {
    const findings = findingsOf(
      valid({
        DISCORD_API_BASE: 'http://127.0.0.1:8799/api',
        SLASH_SAFE_LIMIT: '80',
        SLASH_WARNING_LIMIT: '90',
        BOT_OWNER_ID: undefined,
        SIGNATURE_MAX_AGE_SECONDS: '3600',
        DASHBOARD_URL: 'http://dash.example.com',
        BACKUP_COOLDOWN: '0',
        REST_INVALID_BUDGET: '8000',
        DISCORD_TOKN: 'typo',
      }),
    );
    const warned = (name: string) => findings.filter((f) => f.name === name && f.severity !== 'error');
    expect(warned('DISCORD_API_BASE').map((f) => f.problem)).toEqual([
      'points at 127.0.0.1, not discord.com',
      'has no API version at the end',
    ]);
    expect(warned('SLASH_WARNING_LIMIT')[0]?.problem).toContain('above SLASH_SAFE_LIMIT (80)');
    expect(warned('BOT_OWNER_ID')[0]?.problem).toContain('refuses everyone');
    for (const name of [
      'SIGNATURE_MAX_AGE_SECONDS',
      'DASHBOARD_URL',
      'BACKUP_COOLDOWN',
      'REST_INVALID_BUDGET',
    ]) {
      expect(warned(name)[0]?.severity).toBe('warning');
    }
    expect(warned('DISCORD_TOKN')[0]?.problem).toContain('does not read it');
    expect(findings.every((f) => f.fix.length > 0)).toBe(true);
  });

  it('notes features that optional secrets and bindings turn off', () => {
    const notes = findingsOf(valid())
      .filter((f) => f.severity === 'info')
      .map((f) => f.name);
    expect(notes).toEqual(expect.arrayContaining(['EXPORT_SIGNING_SECRET', 'DISCORD_CLIENT_SECRET', 'AI']));
  });

  it('only notes non-Discord hosts in local development', () => {
    const local = configReport(
      valid({ DISCORD_API_BASE: 'http://127.0.0.1:8799/api/v10' }),
      'http://localhost:8787',
    );
    const api = local.findings.find((f) => f.name === 'DISCORD_API_BASE');
    expect(api).toMatchObject({
      severity: 'info',
      problem: expect.stringContaining('fine for the local emulator'),
    });
  });

  it('never shows a secret value, even a malformed one', () => {
    const leaky = 'x'.repeat(7);
    const report = configReport(
      valid({ DISCORD_CLIENT_SECRET: leaky, EXPORT_SIGNING_SECRET: 'short-secret' }),
      PROD,
    );
    const text = JSON.stringify([report, configReportEmbed(report), schemaEmbeds(configSchemaEntries())]);
    for (const secret of [SECRET, leaky, 'short-secret']) expect(text).not.toContain(secret);
  });

  it('shows the schema within Discord’s limits: every name, its kind, what it accepts, its default', () => {
    const entries = configSchemaEntries();
    expect(entries.map((e) => e.name)).toEqual([...names, ...Object.keys(BINDINGS)]);
    expect(entries.find((e) => e.name === 'SLASH_SAFE_LIMIT')).toMatchObject({
      kind: 'variable',
      accepts: 'integer 1-100',
      presence: 'default 95',
    });
    expect(entries.find((e) => e.name === 'DISCORD_TOKEN')).toMatchObject({
      kind: 'secret',
      presence: 'required',
    });
    const embeds = schemaEmbeds(entries);
    const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embeds.every((e) => (e.description?.length ?? 0) <= 4096)).toBe(true);
  });
});
