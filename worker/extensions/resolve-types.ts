/** The result of resolving a set of extensions (see resolve.ts). */

export type EnforcementSwitch = 'dependencies' | 'conflicts';

/** Whether unmet dependencies and conflicts are errors (true) or only warnings. Cycles are always errors. */
export type Enforcement = Record<EnforcementSwitch, boolean>;

export const DEFAULT_ENFORCEMENT: Enforcement = { dependencies: true, conflicts: true };

export type IssueKind =
  | 'duplicate-extension'
  | 'missing-dependency'
  | 'version-mismatch'
  | 'default-state'
  | 'conflict'
  | 'cycle'
  | 'duplicate-command'
  | 'duplicate-component'
  | 'duplicate-task-type'
  | 'duplicate-hook'
  | 'manifest-mismatch'
  | 'slash-budget';

export interface ResolutionIssue {
  kind: IssueKind;
  /** The extensions concerned; the first is the one the issue is about. */
  extensions: string[];
  /** The switch that decides whether this is an error; null: always an error. */
  switch: EnforcementSwitch | null;
  severity: 'error' | 'warning';
  /** Names the extensions and the reason. */
  message: string;
}

export interface DependencyState {
  name: string;
  range: string;
  /** The version in the set, or null when the extension is not in it. */
  found: string | null;
  satisfied: boolean;
}

export interface ConflictState {
  name: string;
  /** Who declared it: this extension, the other one, or both. */
  declaredBy: 'self' | 'other' | 'both';
  /** The other extension is in this build. */
  present: boolean;
  /** Both are on by default (enabled by default or required), so they would run together everywhere. */
  active: boolean;
}

export interface ExtensionReport {
  name: string;
  version: string;
  dependencies: DependencyState[];
  /** Extensions in the set that depend on this one. */
  dependents: string[];
  /** Declared in either direction. */
  conflicts: ConflictState[];
  /** The shortest dependency cycle through this extension, e.g. ['a', 'b', 'a']; null when none. */
  cycle: string[] | null;
  issues: ResolutionIssue[];
  status: 'ok' | 'warning' | 'error';
}

export interface Resolution {
  /** No errors: the set may be built and started. */
  ok: boolean;
  enforcement: Enforcement;
  issues: ResolutionIssue[];
  errors: ResolutionIssue[];
  warnings: ResolutionIssue[];
  /** One per extension, in the order given. */
  extensions: ExtensionReport[];
  report(name: string): ExtensionReport | undefined;
  slash: { used: number; limit: number };
}
