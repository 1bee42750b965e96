import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  currentConfigTable,
  readmePath,
  renderConfigTable,
} from '../../scripts/generate-config-docs.ts';
import { settings } from '../../src/config/schema.ts';

test('README.md settings table matches src/config/schema.ts', () => {
  const block = currentConfigTable(readFileSync(readmePath, 'utf8'));
  assert.notEqual(block, null, 'README.md lacks the config-table markers');
  assert.equal(
    block,
    renderConfigTable(),
    'README.md settings table is out of date: run `npm run docs:config`',
  );
});

test('the generated table has one row per setting, secrets marked', () => {
  const table = renderConfigTable();
  for (const setting of settings) {
    const row = table.split('\n').find((line) => line.startsWith(`| \`${setting.name}\``));
    assert.ok(row, `no row for ${setting.name}`);
    assert.equal(row.includes('🔒'), setting.secret, `secret mark of ${setting.name}`);
  }
  assert.match(table, /\| `HOST` \| `127\.0\.0\.1` \(0\.0\.0\.0 in the image\) \| bind address \|/);
  assert.match(table, /\| `TRIBUTARY_API_KEY` 🔒 \| \(empty\) \|/);
});
