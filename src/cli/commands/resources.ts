// `apps`, `keys` and `sandbox reset` (operations.md §5.1): what they print, in both forms. Where
// the data is reached (admin API or database) is `src/operator.ts`'s choice, not this file's.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { OperatorError, type AppSummary, type KeySummary, type Operator } from '../../operator.ts';

export interface Output {
  stdout: string;
  stderr: string;
}

const keyWarning = 'This API key will not be shown again. Store it now.';

/** An aligned table with a header row (§5.1 human output). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

const jsonLines = (items: readonly object[]) =>
  items.map((item) => `${JSON.stringify(item)}\n`).join('');

export async function createApp(operator: Operator, name: string, json: boolean): Promise<Output> {
  const app = await operator.createApp(name);
  if (json) return { stdout: jsonLines([app]), stderr: `${keyWarning}\n` };
  return {
    stdout: `${table(['ID', 'NAME'], [[app.id, app.name]])}API key: ${app.key}\n${keyWarning}\n`,
    stderr: '',
  };
}

export async function listApps(operator: Operator, json: boolean): Promise<Output> {
  const apps: AppSummary[] = await operator.listApps();
  if (json) return { stdout: jsonLines(apps), stderr: '' };
  return {
    stdout: table(
      ['ID', 'NAME', 'KEYS', 'CREATED'],
      apps.map((app) => [app.id, app.name, String(app.keys), app.createdAt]),
    ),
    stderr: '',
  };
}

export async function createKey(operator: Operator, appId: string, json: boolean): Promise<Output> {
  const key = await operator.createKey(appId);
  if (json) return { stdout: jsonLines([key]), stderr: `${keyWarning}\n` };
  return {
    stdout: `${table(['ID', 'APP'], [[key.id, key.appId]])}API key: ${key.key}\n${keyWarning}\n`,
    stderr: '',
  };
}

export async function listKeys(operator: Operator, appId: string, json: boolean): Promise<Output> {
  const keys: KeySummary[] = await operator.listKeys(appId);
  if (json) return { stdout: jsonLines(keys), stderr: '' };
  return {
    stdout: table(
      ['ID', 'HINT', 'CREATED', 'LAST-USED', 'REVOKED'],
      keys.map((key) => [
        key.id,
        key.hint,
        key.createdAt,
        key.lastUsedAt ?? '-',
        key.revokedAt ?? '-',
      ]),
    ),
    stderr: '',
  };
}

export async function revokeKey(operator: Operator, keyId: string): Promise<Output> {
  await operator.revokeKey(keyId);
  return { stdout: `revoked ${keyId}\n`, stderr: '' };
}

export async function resetSandbox(operator: Operator): Promise<Output> {
  await operator.resetSandbox();
  return { stdout: 'sandbox reset\n', stderr: '' };
}

export async function reencrypt(operator: Operator, json: boolean): Promise<Output> {
  const result = await operator.reencrypt();
  if (json) return { stdout: jsonLines([result]), stderr: '' };
  const count = new Intl.NumberFormat('en-AU').format(result.reencrypted);
  return {
    stdout: `re-encrypted ${count} secret${result.reencrypted === 1 ? '' : 's'}; ${result.unreadable} unreadable\n`,
    stderr: '',
  };
}

/** `backup --out FILE` (operations.md §12.1): a temporary name, renamed when complete. */
export async function backup(operator: Operator, out: string, force: boolean): Promise<Output> {
  if (existsSync(out) && !force) {
    throw new OperatorError(1, `${out} exists; pass --force to replace it`);
  }
  const temporary = `${out}.${process.pid}.partial`;
  try {
    const { lastMigration } = await operator.backup(temporary);
    renameSync(temporary, out);
    const size = (statSync(out).size / 1_000_000).toFixed(1);
    return {
      stdout: `wrote ${out} (${size} MB, migrations up to ${lastMigration?.slice(0, 4) ?? 'none'})\n`,
      stderr: '',
    };
  } finally {
    rmSync(temporary, { force: true });
  }
}
