/**
 * Resolution of a set of extensions, before it is built or started. Pure, no I/O: it reports missing and
 * unsatisfied dependencies (real semver ranges), conflicts declared in either direction, dependency cycles
 * with their path, names two extensions both claim, manifests that disagree with their code, and the
 * slash-command budget. Unmet dependencies and conflicts are errors or warnings by the enforcement
 * switches; everything else is always an error.
 */
import semver from 'semver';
import { DISCORD_SLASH_LIMIT } from '../framework/discord-limits';
import type { ExtensionDefinition } from './extension';
import { duplicateNames, manifestMismatches, slashBudget } from './resolve-contents';
import { findCycles } from './resolve-cycles';
import {
  type ConflictState,
  DEFAULT_ENFORCEMENT,
  type DependencyState,
  type Enforcement,
  type ExtensionReport,
  type Resolution,
  type ResolutionIssue,
} from './resolve-types';

export * from './resolve-types';

type Issue = Omit<ResolutionIssue, 'severity'>;

/** Issues about how an extension uses another belong to the user only; the budget belongs to the set. */
const DEPENDENT_ONLY = new Set(['missing-dependency', 'version-mismatch', 'default-state']);
function concerns(issue: Issue, name: string): boolean {
  if (issue.kind === 'slash-budget') return false;
  return DEPENDENT_ONLY.has(issue.kind) ? issue.extensions[0] === name : issue.extensions.includes(name);
}

/** On in a server that never changed it. */
const onByDefault = (ext: ExtensionDefinition) => ext.manifest.required || ext.manifest.enabledByDefault;

function dependencyStates(
  ext: ExtensionDefinition,
  byName: ReadonlyMap<string, ExtensionDefinition>,
): DependencyState[] {
  return Object.entries(ext.manifest.dependencies).map(([name, range]) => {
    const found = byName.get(name)?.manifest.version ?? null;
    return { name, range, found, satisfied: found !== null && semver.satisfies(found, range) };
  });
}

function dependencyIssues(
  ext: ExtensionDefinition,
  states: readonly DependencyState[],
  byName: ReadonlyMap<string, ExtensionDefinition>,
): Issue[] {
  const name = ext.manifest.name;
  const issues: Issue[] = [];
  for (const dep of states) {
    if (dep.found === null) {
      issues.push({
        kind: 'missing-dependency',
        extensions: [name, dep.name],
        switch: 'dependencies',
        message: `"${name}" depends on "${dep.name}" ${dep.range}, which is not in this build`,
      });
    } else if (!dep.satisfied) {
      issues.push({
        kind: 'version-mismatch',
        extensions: [name, dep.name],
        switch: 'dependencies',
        message: `"${name}" needs "${dep.name}" ${dep.range} but this build has ${dep.found}`,
      });
    } else if (onByDefault(ext) && !onByDefault(byName.get(dep.name) as ExtensionDefinition)) {
      issues.push({
        kind: 'default-state',
        extensions: [name, dep.name],
        switch: 'dependencies',
        message: `"${name}" is enabled by default but its dependency "${dep.name}" is not`,
      });
    }
  }
  return issues;
}

/** Conflicts in both directions, and one issue per pair that would run together by default. */
function conflictStates(extensions: readonly ExtensionDefinition[]): {
  states: Map<string, ConflictState[]>;
  issues: Issue[];
} {
  const byName = new Map(extensions.map((e) => [e.manifest.name, e]));
  const declared = new Map<string, Set<string>>();
  for (const ext of extensions) {
    for (const other of ext.manifest.conflicts) {
      if (other === ext.manifest.name) continue;
      const set = declared.get(ext.manifest.name) ?? new Set();
      set.add(other);
      declared.set(ext.manifest.name, set);
    }
  }
  const states = new Map<string, ConflictState[]>();
  const issues: Issue[] = [];
  const pairs = new Set<string>();
  for (const ext of extensions) {
    const name = ext.manifest.name;
    const others = new Set(declared.get(name) ?? []);
    for (const [declarer, set] of declared) if (set.has(name)) others.add(declarer);
    const list: ConflictState[] = [];
    for (const other of others) {
      const self = declared.get(name)?.has(other) ?? false;
      const theirs = declared.get(other)?.has(name) ?? false;
      const otherExt = byName.get(other);
      const active = otherExt !== undefined && onByDefault(ext) && onByDefault(otherExt);
      list.push({
        name: other,
        declaredBy: self && theirs ? 'both' : self ? 'self' : 'other',
        present: otherExt !== undefined,
        active,
      });
      const pair = [name, other].sort().join('|');
      if (active && !pairs.has(pair)) {
        pairs.add(pair);
        const declarer = self ? name : other;
        const target = self ? other : name;
        issues.push({
          kind: 'conflict',
          extensions: [declarer, target],
          switch: 'conflicts',
          message: `"${declarer}" conflicts with "${target}"${self && theirs ? ' (declared by both)' : ''} and both are enabled by default`,
        });
      }
    }
    states.set(name, list);
  }
  return { states, issues };
}

/** Resolves the whole set. `enforcement` decides whether unmet dependencies and conflicts are errors. */
export function resolveExtensions(
  extensions: readonly ExtensionDefinition[],
  enforcement: Enforcement = DEFAULT_ENFORCEMENT,
  options: { slashLimit?: number } = {},
): Resolution {
  const issues: Issue[] = [];
  const byName = new Map<string, ExtensionDefinition>();
  for (const ext of extensions) {
    if (byName.has(ext.manifest.name)) {
      issues.push({
        kind: 'duplicate-extension',
        extensions: [ext.manifest.name],
        switch: null,
        message: `two extensions are named "${ext.manifest.name}"`,
      });
    } else {
      byName.set(ext.manifest.name, ext);
    }
  }
  const set = [...byName.values()];

  const dependencies = new Map(set.map((ext) => [ext.manifest.name, dependencyStates(ext, byName)]));
  for (const ext of set) {
    issues.push(...dependencyIssues(ext, dependencies.get(ext.manifest.name) ?? [], byName));
  }

  const conflicts = conflictStates(set);
  issues.push(...conflicts.issues);

  const edges = new Map(set.map((ext) => [ext.manifest.name, Object.keys(ext.manifest.dependencies)]));
  const cycles = findCycles(edges);
  for (const cycle of cycles.distinct) {
    issues.push({
      kind: 'cycle',
      extensions: [...new Set(cycle)],
      switch: null,
      message: `dependency cycle: ${cycle.join(' → ')}`,
    });
  }

  for (const ext of set) issues.push(...manifestMismatches(ext));
  issues.push(...duplicateNames(set));
  const limit = options.slashLimit ?? DISCORD_SLASH_LIMIT;
  const budget = slashBudget(set, limit);
  issues.push(...budget.issues);

  const rated: ResolutionIssue[] = issues.map((issue) => ({
    ...issue,
    severity: issue.switch === null || enforcement[issue.switch] ? 'error' : 'warning',
  }));
  const reports: ExtensionReport[] = set.map((ext) => {
    const name = ext.manifest.name;
    const own = rated.filter((i) => concerns(i, name));
    return {
      name,
      version: ext.manifest.version,
      dependencies: dependencies.get(name) ?? [],
      dependents: set
        .filter((other) => Object.hasOwn(other.manifest.dependencies, name))
        .map((other) => other.manifest.name),
      conflicts: conflicts.states.get(name) ?? [],
      cycle: cycles.byExtension.get(name) ?? null,
      issues: own,
      status: own.some((i) => i.severity === 'error') ? 'error' : own.length ? 'warning' : 'ok',
    };
  });
  const byReport = new Map(reports.map((r) => [r.name, r]));
  const errors = rated.filter((i) => i.severity === 'error');
  return {
    ok: errors.length === 0,
    enforcement,
    issues: rated,
    errors,
    warnings: rated.filter((i) => i.severity === 'warning'),
    extensions: reports,
    report: (name) => byReport.get(name),
    slash: { used: budget.used, limit },
  };
}

/** One line per issue, errors first: `✗ error: "a" depends on "b" ^1.0.0, which is not in this build`. */
export function describeResolution(resolution: Resolution): string[] {
  return [
    ...resolution.errors.map((i) => `✗ error: ${i.message}`),
    ...resolution.warnings.map((i) => `! warning: ${i.message}`),
  ];
}
