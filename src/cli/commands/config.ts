/**
 * `tributary config` (operations.md §7.4): every setting with its effective value and source,
 * secrets redacted. Pure apart from one existence check of `{data}/master.key`; it opens neither
 * the database nor the lock.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems } from '../../config/load.ts';
import type { LoadResult, SettingEntry, SettingSource } from '../../config/load.ts';
import { redactDatabaseUrl } from '../../config/schema.ts';

/** EX_CONFIG (operations.md §5.3). */
const INVALID_CONFIGURATION = 78;
const REDACTED = '[redacted]';
const NOT_SET = '(not set)';

export interface RenderConfigOptions {
  json: boolean;
  /** Where to look for `master.key`; defaults to the configured data directory. */
  dataDir?: string;
}

export interface RenderedOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface Row {
  name: string;
  group: string;
  /** Safe to print; null when unset. */
  value: string | null;
  source: SettingSource;
}

export function renderConfig(result: LoadResult, options: RenderConfigOptions): RenderedOutput {
  if (!result.ok) {
    return {
      exitCode: INVALID_CONFIGURATION,
      stdout: '',
      stderr: `${formatProblems(result.problems)}\n`,
    };
  }
  const { config } = result;
  const masterKeyExists = existsSync(join(options.dataDir ?? config.dataDir, 'master.key'));
  const rows = config.settings.map((entry) => toRow(entry, masterKeyExists && !config.production));
  const stderr = result.warnings.map((warning) => `tributary: warning: ${warning}\n`).join('');
  return {
    exitCode: 0,
    stdout: options.json ? renderJson(rows) : renderTable(rows),
    stderr,
  };
}

function toRow(entry: SettingEntry, masterKeyInUse: boolean): Row {
  let { value, source } = entry;
  // An unset key is replaced by the generated master.key (§8.2), so that is what is in force.
  if (entry.name === 'TRIBUTARY_ENCRYPTION_KEY' && value === null && masterKeyInUse) {
    source = 'generated';
  }
  if (entry.secret) {
    if (entry.name === 'DATABASE_URL' && value !== null) value = redactDatabaseUrl(value);
    else value = value !== null || source === 'generated' ? REDACTED : null;
  }
  return { name: entry.name, group: entry.group, value, source };
}

function renderJson(rows: readonly Row[]): string {
  const object: Record<string, { value: string | null; source: SettingSource }> = {};
  for (const row of rows) object[row.name] = { value: row.value, source: row.source };
  return `${JSON.stringify(object)}\n`;
}

/** One aligned table; a blank line and the §7.2 heading open each group. */
function renderTable(rows: readonly Row[]): string {
  const shown = rows.map((row) => ({ ...row, text: printable(row.value ?? NOT_SET) }));
  const nameWidth = Math.max('NAME'.length, ...shown.map((row) => row.name.length));
  const valueWidth = Math.max('VALUE'.length, ...shown.map((row) => row.text.length));
  const line = (name: string, value: string, source: string): string =>
    `${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${source}`;

  const lines = [line('NAME', 'VALUE', 'SOURCE')];
  let group: string | null = null;
  for (const row of shown) {
    if (row.group !== group) {
      group = row.group;
      lines.push('', group);
    }
    lines.push(line(row.name, row.text, row.source));
  }
  return `${lines.join('\n')}\n`;
}

/** Keeps one setting on one line even when a value (say, JSON from a file) spans several. */
function printable(value: string): string {
  const hasControl = [...value].some((char) => char.charCodeAt(0) < 0x20 || char === '\x7f');
  return hasControl ? JSON.stringify(value) : value;
}
