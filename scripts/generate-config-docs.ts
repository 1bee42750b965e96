/**
 * Writes the settings table of `src/config/schema.ts` into README.md between the config-table
 * markers (`npm run docs:config`). `test/config/readme-config-table.test.ts` fails when the
 * README is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingGroups, settings, testOnlyNames } from '../src/config/schema.ts';

export const startMarker = '<!-- config-table:start -->';
export const endMarker = '<!-- config-table:end -->';
export const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** `8080` as code; `(empty)` and prose as they are; `127.0.0.1 (0.0.0.0 in the image)` half and half. */
function renderDefault(display: string): string {
  if (display.startsWith('(')) return display;
  const withNote = /^(\S+) (\(.*\))$/.exec(display);
  if (withNote?.[1] !== undefined && withNote[2] !== undefined) {
    return `\`${withNote[1]}\` ${withNote[2]}`;
  }
  return /\s/.test(display) ? display : `\`${display}\``;
}

/** The Markdown that goes between the markers (markers excluded), ending in a newline. */
export function renderConfigTable(): string {
  const lines = [
    // Prettier would re-align the tables; the generator owns this block's layout.
    '<!-- prettier-ignore-start -->',
    'Every setting, generated from `src/config/schema.ts` by `npm run docs:config`; the spec',
    '(`operations.md` §7.2) is the reference. 🔒 = secret: `tributary config` shows it as',
    '`[redacted]`, and `NAME_FILE` may name a file holding its value. Settings come from the',
    'environment, then from the optional `TRIBUTARY_CONFIG_FILE`; an invalid value stops the',
    'start with exit code 78 and one line per problem.',
  ];
  for (const group of settingGroups) {
    lines.push('', `**${group}**`, '', '| Name | Default | Meaning |', '|---|---|---|');
    for (const setting of settings.filter((s) => s.group === group)) {
      const name = `\`${setting.name}\`${setting.secret ? ' 🔒' : ''}`;
      lines.push(
        `| ${name} | ${cell(renderDefault(setting.default))} | ${cell(setting.description)} |`,
      );
    }
  }
  lines.push(
    '',
    `Tests only: ${testOnlyNames.map((name) => `\`${name}\``).join(' and ')} select the drivers`,
    'of the test suites and are ignored by `serve`.',
    '<!-- prettier-ignore-end -->',
  );
  return `${lines.join('\n')}\n`;
}

/** The README with the block between the markers replaced; throws when a marker is missing. */
export function replaceConfigTable(readme: string): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) {
    throw new Error(`README.md must contain ${startMarker} followed by ${endMarker}`);
  }
  const before = readme.slice(0, start + startMarker.length);
  return `${before}\n${renderConfigTable()}${readme.slice(end)}`;
}

/** The block currently between the markers, or null when they are missing. */
export function currentConfigTable(readme: string): string | null {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) return null;
  return readme.slice(start + startMarker.length, end).replace(/^\n/, '');
}

const runDirectly = resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
if (runDirectly) {
  const readme = readFileSync(readmePath, 'utf8');
  const updated = replaceConfigTable(readme);
  if (updated !== readme) writeFileSync(readmePath, updated);
  process.stdout.write(
    `${updated === readme ? 'README.md already up to date' : 'README.md updated'} (${settings.length} settings)\n`,
  );
}
