import { z } from 'zod';
import { configSchema } from '../config';
import type { Env } from '../env';
import { BINDINGS, type BindingInfo, VARIABLES, type VariableInfo } from './config-catalogue';
import { type ConfigFinding, rawValue, type Severity } from './config-finding';
import { suspiciousFindings } from './config-suspicious';

export type { ConfigFinding, Severity };

export interface ConfigReport {
  findings: ConfigFinding[];
  checked: { variables: number; secrets: number; bindings: number };
  /** No errors (warnings and notes may remain). */
  ok: boolean;
}

const fields = () => Object.entries(configSchema.in.shape as Record<string, z.ZodType>);
const fallbackInfo: VariableInfo = { kind: 'variable', meaning: '(not described)', fix: 'See the README.' };
export const variableInfo = (name: string): VariableInfo => VARIABLES[name] ?? fallbackInfo;

/** Missing and malformed variables and secrets, each checked on its own against its schema field. */
export function variableFindings(env: Env): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  for (const [name, field] of fields()) {
    const info = variableInfo(name);
    const raw = rawValue(env, name);
    const parsed = field.safeParse(raw);
    if (parsed.success) continue;
    findings.push({
      name,
      kind: info.kind,
      severity: 'error',
      problem:
        raw === undefined
          ? 'is missing (required)'
          : `is malformed: ${parsed.error.issues[0]?.message ?? 'not accepted'}`,
      fix: info.fix,
    });
  }
  return findings;
}

type BindingCheck = (value: unknown) => boolean;
const hasMethods =
  (...methods: string[]): BindingCheck =>
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');
const bindingShape: Record<BindingInfo['type'], BindingCheck> = {
  D1: hasMethods('prepare', 'batch'),
  R2: hasMethods('get', 'put', 'list'),
  'Durable Object': hasMethods('idFromName', 'get'),
  Queue: hasMethods('send'),
  'Workers AI': hasMethods('run'),
};

export function bindingFindings(env: Env): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  for (const [name, info] of Object.entries(BINDINGS)) {
    const value = (env as unknown as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      findings.push({
        name,
        kind: 'binding',
        severity: info.required ? 'error' : 'info',
        problem: info.required
          ? `${info.type} binding is missing`
          : `${info.type} binding is not configured: ${info.whenMissing ?? 'its feature is off'}`,
        fix: info.fix,
      });
    } else if (!bindingShape[info.type](value)) {
      findings.push({
        name,
        kind: 'binding',
        severity: 'error',
        problem: `is bound, but not to a ${info.type} (a variable with the same name?)`,
        fix: info.fix,
      });
    }
  }
  return findings;
}

/** Names in the environment that look like settings but that no schema reads (typos, leftovers). */
export function unknownNames(env: Env): ConfigFinding[] {
  const known = new Set([...fields().map(([n]) => n), ...Object.keys(BINDINGS)]);
  return Object.entries(env as unknown as Record<string, unknown>)
    .filter(
      ([name, value]) => typeof value === 'string' && /^[A-Z][A-Z0-9_]+$/.test(name) && !known.has(name),
    )
    .map(([name]) => ({
      name,
      kind: 'variable' as const,
      severity: 'info' as const,
      problem: 'is set but Edgeward does not read it',
      fix: 'If it is a typo of a setting, rename it; otherwise remove it (or ignore this if another tool uses it).',
    }));
}

/**
 * Every variable, secret and binding against the one schema: missing, malformed, then suspicious values
 * (see config-suspicious.ts). `origin` (the worker's URL) tells local development from a deployment.
 */
export function configReport(env: Env, origin = ''): ConfigReport {
  const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const findings = [
    ...variableFindings(env),
    ...bindingFindings(env),
    ...suspiciousFindings(env, origin),
    ...unknownNames(env),
  ].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  const all = fields();
  const secrets = all.filter(([name]) => variableInfo(name).kind === 'secret').length;
  return {
    findings,
    checked: { variables: all.length - secrets, secrets, bindings: Object.keys(BINDINGS).length },
    ok: !findings.some((f) => f.severity === 'error'),
  };
}

export interface SchemaEntry {
  name: string;
  kind: 'variable' | 'secret' | 'binding';
  /** What it accepts, read from the schema ("integer 1-100", "URL", …). */
  accepts: string;
  /** "required", "optional" or the default value. */
  presence: string;
  meaning: string;
}

function accepts(field: z.ZodType): string {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return 'text';
  }
  if (Array.isArray(json.enum)) return (json.enum as string[]).join(' | ');
  if (json.type === 'integer') return `integer ${json.minimum ?? ''}-${json.maximum ?? ''}`;
  if (json.format === 'uri') return 'URL';
  if (typeof json.pattern === 'string') return `text matching ${json.pattern}`;
  if (typeof json.minLength === 'number') return `text, at least ${json.minLength} characters`;
  return 'text';
}

/** The schema as /fw_config_schema shows it: every variable, secret and binding. */
export function configSchemaEntries(): SchemaEntry[] {
  const variables = fields().map(([name, field]) => {
    const info = variableInfo(name);
    const absent = field.safeParse(undefined);
    const presence = !absent.success
      ? 'required'
      : absent.data === undefined
        ? 'optional'
        : `default ${Array.isArray(absent.data) ? 'none' : JSON.stringify(absent.data)}`;
    return { name, kind: info.kind, accepts: accepts(field), presence, meaning: info.meaning };
  });
  const bindings = Object.entries(BINDINGS).map(([name, info]) => ({
    name,
    kind: 'binding' as const,
    accepts: `${info.type} binding`,
    presence: info.required ? 'required' : 'optional',
    meaning: info.meaning,
  }));
  return [...variables, ...bindings];
}
