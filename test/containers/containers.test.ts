// The container files of operations.md §13: the Dockerfile, docker-compose.yml, .env.example and
// .dockerignore. Most machines that run these tests have no container engine, so the files are
// checked statically (operations.md A27 allows this), their health-check commands are run against
// a real server, and `docker build` / `docker compose config` run only where an engine or the
// compose CLI is there; otherwise those tests are skipped with the reason.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
// `yaml` is installed with @fastify/swagger, a runtime dependency; it is not a dependency of its own.
import { parse as parseYaml } from 'yaml';
import { findSetting, settings } from '../../src/config/schema.ts';
import { testDrivers } from '../support/environment.ts';
import { startTestServer, tempDir } from '../support/server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

// ---------------------------------------------------------------------------------------------
// The Dockerfile, as instructions grouped into stages.

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly image: string;
  readonly name: string | null;
  readonly instructions: Instruction[];
}

function dockerInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Comment lines end nothing, even inside a continued instruction (Docker drops them).
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const whole = pending + line;
    pending = '';
    const match = /^(\S+)\s+([\s\S]*)$/.exec(whole);
    assert.ok(match?.[1] && match[2] !== undefined, `not an instruction: ${whole}`);
    out.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
  }
  assert.equal(pending, '', 'the Dockerfile ends inside a continued instruction');
  return out;
}

function dockerStages(text: string): Stage[] {
  const instructions = dockerInstructions(text);
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/);
      const resolved = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => {
        const value = globalArgs.get(a ?? b ?? '');
        assert.ok(value !== undefined, `FROM uses an ARG without a default: ${image}`);
        return value;
      });
      stages.push({
        image: resolved,
        name: as?.toUpperCase() === 'AS' ? (name ?? null) : null,
        instructions: [],
      });
    } else if (stages.length === 0) {
      assert.equal(instruction.keyword, 'ARG', 'only ARG may come before the first FROM');
      const [name = '', value] = instruction.args.split('=');
      if (value !== undefined) globalArgs.set(name, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `["node", "-e", "…"]` of the exec form; the shell form is refused (no shell signals). */
function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  assert.ok(
    Array.isArray(parsed) && parsed.every((part): part is string => typeof part === 'string'),
    `not an exec-form array: ${args}`,
  );
  return parsed;
}

function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const pair of args.split(/\s+/)) {
      const [name = '', ...value] = pair.split('=');
      assert.ok(value.length > 0, `ENV ${pair} is not NAME=value`);
      env[name] = value.join('=');
    }
  }
  return env;
}

const dockerfile = read('Dockerfile');
const stages = dockerStages(dockerfile);
const finalStage = stages.at(-1);
assert.ok(finalStage, 'the Dockerfile has a FROM');
const only = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.keyword === keyword);

// ---------------------------------------------------------------------------------------------
// docker-compose.yml, parsed as Compose reads it (YAML anchors and `<<` merge keys).

interface Healthcheck {
  test?: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: unknown;
  user?: string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | number)[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: Healthcheck;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
  container_name?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
const compose = parseYaml(composeText, { merge: true }) as unknown as ComposeFile;
const services = compose.services;

function service(name: string): ComposeService {
  const found = services[name];
  assert.ok(found, `docker-compose.yml has no service ${name}`);
  return found;
}

const tributaryServices = ['api', 'worker'] as const;

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}` … → the form each variable is read with. */
function interpolations(text: string): { name: string; operator: string }[] {
  const found: { name: string; operator: string }[] = [];
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('#')) continue;
    for (const m of line.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*\}/g))
      found.push({ name: m[1] ?? '', operator: m[2] ?? '' });
    assert.doesNotMatch(
      line.replace(/\$\$|\$\{[^}]*\}/g, ''),
      /\$[A-Za-z_]/,
      `use the \${NAME} form: ${line.trim()}`,
    );
  }
  return found;
}

/** The variables the official postgres image reads (its documentation's list). */
const postgresImageVariables = new Set([
  'POSTGRES_PASSWORD',
  'POSTGRES_USER',
  'POSTGRES_DB',
  'POSTGRES_INITDB_ARGS',
  'POSTGRES_INITDB_WALDIR',
  'POSTGRES_HOST_AUTH_METHOD',
  'PGDATA',
]);

// ---------------------------------------------------------------------------------------------
// .env.example

interface ExampleEntry {
  readonly name: string;
  readonly value: string;
  readonly comment: string;
}

function envExample(text: string): ExampleEntry[] {
  const entries: ExampleEntry[] = [];
  let comment: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      comment = [];
    } else if (line.startsWith('#')) {
      comment.push(line.slice(1).trim());
    } else {
      const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
      assert.ok(match?.[1] !== undefined, `.env.example: not NAME=value: ${line}`);
      entries.push({ name: match[1], value: match[2] ?? '', comment: comment.join(' ') });
      comment = [];
    }
  }
  return entries;
}

const example = envExample(read('.env.example'));

// ---------------------------------------------------------------------------------------------
// Health-check commands run as Docker would run them, against a real server.

function healthcheckScript(argv: string[]): string {
  assert.equal(argv[0], 'node', 'health checks use the image’s node (the slim image has no curl)');
  assert.equal(argv[1], '-e');
  assert.equal(argv.length, 3);
  return argv[2] ?? '';
}

function runNodeScript(script: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the health check did not finish within 10 s'));
    }, 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

function urlPath(script: string): string {
  const match = /'\/([a-z]+)'\)/.exec(script);
  assert.ok(match?.[1], `no route in the health check: ${script}`);
  return `/${match[1]}`;
}

const openapiPaths = Object.keys(
  (JSON.parse(read('openapi/openapi.json')) as { paths: Record<string, unknown> }).paths,
);

function durationSeconds(text: string | undefined): number {
  const match = /^(\d+)(s|m)$/.exec(text ?? '');
  assert.ok(match?.[1] && match[2], `not a duration in seconds or minutes: ${text}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

// ---------------------------------------------------------------------------------------------

describe('the image (Dockerfile)', () => {
  test('operations.md A27: every stage builds on node:20-bookworm-slim, and the image runs as the non-root user node', () => {
    assert.ok(stages.length >= 2, 'a multi-stage build: no compiler in the image');
    for (const stage of stages) assert.equal(stage.image, 'node:20-bookworm-slim');
    const users = only(finalStage, 'USER');
    assert.equal(users.at(-1)?.args, 'node', 'the last USER of the image is node');
    assert.ok(
      users.every((u) => !/^(root|0)(:|$)/.test(u.args)),
      'the image never switches to root',
    );
    // Nothing that needs root comes after USER node.
    const userIndex = finalStage.instructions.lastIndexOf(users.at(-1) as Instruction);
    const entryIndex = finalStage.instructions.findIndex((i) => i.keyword === 'ENTRYPOINT');
    assert.ok(userIndex < entryIndex, 'USER node comes before the entrypoint');
    // node:*-bookworm-slim's `node` user is uid 1000; the data directory is made theirs.
    assert.ok(
      only(finalStage, 'RUN').some((r) => /chown node:node \/data\b/.test(r.args)),
      '/data belongs to node',
    );
    for (const name of tributaryServices) {
      const user = service(name).user;
      assert.ok(user === undefined || !/^(root|0)(:|$)/.test(user), `${name} does not run as root`);
    }
  });

  test('operations.md A27: the image runs `serve` from compiled JavaScript with HOST=0.0.0.0, NODE_ENV=production, TRIBUTARY_DATA_DIR=/data and port 8080', () => {
    const env = envOf(finalStage);
    assert.equal(env.HOST, '0.0.0.0');
    assert.equal(env.NODE_ENV, 'production');
    assert.equal(env.TRIBUTARY_DATA_DIR, '/data');
    assert.equal(env.PORT, findSetting('PORT')?.default);
    for (const name of Object.keys(env)) assert.ok(findSetting(name), `${name} is a setting`);
    assert.deepEqual(
      only(finalStage, 'EXPOSE').map((e) => e.args),
      ['8080'],
    );
    assert.deepEqual(
      only(finalStage, 'VOLUME').map((v) => execForm(v.args)),
      [['/data']],
    );
    const entrypoint = only(finalStage, 'ENTRYPOINT').at(-1);
    const cmd = only(finalStage, 'CMD').at(-1);
    assert.ok(entrypoint && cmd);
    assert.deepEqual(execForm(entrypoint.args), ['node', 'dist/cli/main.js']);
    assert.deepEqual(execForm(cmd.args), ['serve']);

    // dist/cli/main.js is src/cli/main.ts compiled by tsconfig.build.json, tests left out.
    const build = JSON.parse(read('tsconfig.build.json')) as {
      extends: string;
      compilerOptions: Record<string, unknown>;
      include: string[];
      exclude: string[];
    };
    assert.equal(build.extends, './tsconfig.json');
    assert.deepEqual(
      {
        noEmit: build.compilerOptions.noEmit,
        rootDir: build.compilerOptions.rootDir,
        outDir: build.compilerOptions.outDir,
        rewrite: build.compilerOptions.rewriteRelativeImportExtensions,
      },
      { noEmit: false, rootDir: 'src', outDir: 'dist', rewrite: true },
    );
    assert.deepEqual(build.include, ['src']);
    assert.deepEqual(build.exclude, ['src/**/*.test.ts']);
    assert.ok(existsSync(join(root, 'src/cli/main.ts')));

    const buildStage = stages.find((s) =>
      only(s, 'RUN').some((r) => r.args.includes('tsc -p tsconfig.build.json')),
    );
    assert.ok(buildStage?.name, 'a named stage compiles with tsconfig.build.json');
    // Files beside the code that are not TypeScript (SQL migrations, …) are copied into dist/.
    assert.ok(
      only(buildStage, 'RUN').some((r) =>
        /find \. -type f ! -name '\*\.ts' ! -name '\*\.md' -exec cp --parents \{\} \.\.\/dist\//.test(
          r.args,
        ),
      ),
    );
    assert.ok(
      only(finalStage, 'COPY').some((c) => c.args === `--from=${buildStage.name} /app/dist ./dist`),
    );
    // package.json is read at run time for the version.
    assert.ok(only(finalStage, 'COPY').some((c) => c.args === 'package.json ./'));
  });

  test('operations.md A27: the image holds only runtime dependencies, and they cover every package src/ imports', () => {
    const copies = only(finalStage, 'COPY').filter((c) => c.args.includes('node_modules'));
    assert.equal(copies.length, 1);
    const from = /^--from=(\S+) /.exec(copies[0]?.args ?? '')?.[1];
    const depsStage = stages.find((s) => s.name === from);
    assert.ok(depsStage, 'node_modules comes from a stage of its own');
    assert.ok(
      only(depsStage, 'RUN').some((r) => /\bnpm ci\b.*--omit=dev/.test(r.args)),
      'npm ci --omit=dev',
    );

    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const runtime = new Set(Object.keys(pkg.dependencies));
    const missing = new Set<string>();
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) return sources(path);
        return entry.endsWith('.ts') && !entry.endsWith('.test.ts') ? [path] : [];
      });
    const specifier =
      /(?:^|\n)\s*(?:import|export)(\s+type\b)?[^'";]*?\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g;
    for (const file of sources(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(specifier)) {
        if (m[1]) continue; // `import type` is erased by the compiler
        const name = m[2] ?? m[3] ?? m[4] ?? '';
        if (name.startsWith('.') || name.startsWith('node:')) continue;
        const parts = name.split('/');
        const packageName = name.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
        if (!runtime.has(packageName)) missing.add(`${packageName} (${relative(root, file)})`);
      }
    }
    assert.deepEqual([...missing], [], 'packages imported by src/ but not in dependencies');
  });

  test('the build context holds only what the Dockerfile copies: never .env, node_modules or the data directory', () => {
    const lines = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    assert.equal(lines[0], '*', 'everything is excluded first');
    const included = lines
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).replace(/\/$/, ''));
    for (const { args } of stages.flatMap((s) => only(s, 'COPY'))) {
      if (args.startsWith('--from=')) continue;
      const sources = args.split(/\s+/).slice(0, -1);
      for (const source of sources)
        assert.ok(
          included.some((i) => source === i || source.startsWith(`${i}/`)),
          `.dockerignore lets ${source} into the build context`,
        );
    }
    for (const secret of ['.env', 'node_modules', '.tributary', '.git', 'dist'])
      assert.ok(!included.some((i) => secret === i || secret.startsWith(`${i}/`)), secret);
  });

  test('operations.md §13.1: the image’s entry module, started directly with the image’s environment and no secrets, exits 78 naming both', () => {
    // The same module the image compiles to dist/cli/main.js, run through tsx here.
    const env = { ...envOf(finalStage), TRIBUTARY_DATA_DIR: join(tempDir(), 'data') };
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src/cli/main.ts'),
        ...execForm(only(finalStage, 'CMD').at(-1)?.args ?? '[]'),
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tempDir(), ...env },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(run.status, 78, run.stderr);
    assert.match(run.stderr, /^\s*TRIBUTARY_ADMIN_TOKEN: required when NODE_ENV=production$/m);
    assert.match(run.stderr, /^\s*TRIBUTARY_ENCRYPTION_KEY: required when NODE_ENV=production$/m);
    assert.ok(!existsSync(env.TRIBUTARY_DATA_DIR), 'nothing created');
  });
});

describe('docker-compose.yml', () => {
  test('operations.md A27: services db (postgres:15), one api running serve and two workers running worker, all Tributary containers from this Dockerfile', () => {
    assert.deepEqual(Object.keys(services).sort(), ['api', 'db', 'worker']);
    assert.equal(service('db').image, 'postgres:15');
    const api = service('api');
    const worker = service('worker');
    assert.deepEqual(api.command, ['serve']);
    assert.deepEqual(worker.command, ['worker']);
    assert.equal(api.entrypoint, undefined, 'the image’s entrypoint');
    assert.equal(worker.entrypoint, undefined, 'the image’s entrypoint');
    assert.equal(api.deploy?.replicas ?? 1, 1);
    assert.equal(worker.deploy?.replicas, 2);
    assert.equal(worker.container_name, undefined, 'replicas need generated names');
    for (const s of [api, worker]) {
      const build = typeof s.build === 'string' ? { context: s.build } : s.build;
      assert.ok(build, 'built here');
      assert.equal(build.context, '.');
      assert.equal(build.dockerfile ?? 'Dockerfile', 'Dockerfile');
      assert.equal(s.image, api.image, 'one image for api and workers');
    }
    assert.equal(api.environment?.TRIBUTARY_WORKER, 'off', 'the API process runs no worker');
    assert.equal(worker.environment?.TRIBUTARY_WORKER, undefined);
  });

  test('operations.md A27: port 8080 of the API is published, workers publish none, and every Tributary container binds 0.0.0.0', () => {
    assert.deepEqual(service('api').ports, ['8080:8080']);
    assert.equal(service('worker').ports, undefined, 'two replicas cannot share a host port');
    assert.equal(service('db').ports, undefined, 'PostgreSQL stays on the compose network');
    for (const name of tributaryServices) {
      const env = service(name).environment ?? {};
      assert.equal(env.HOST, '0.0.0.0');
      assert.equal(env.PORT, undefined, 'the image’s 8080');
      assert.equal(env.TRIBUTARY_SANDBOX_BASE_URL, 'http://api:8080');
    }
  });

  test('operations.md A27: PostgreSQL mode on the db service, which keeps its data in a named volume', () => {
    const db = service('db');
    const user = db.environment?.POSTGRES_USER;
    const database = db.environment?.POSTGRES_DB;
    assert.equal(db.environment?.POSTGRES_PASSWORD, '${POSTGRES_PASSWORD:?set it in .env}');
    for (const name of tributaryServices)
      assert.equal(
        service(name).environment?.DATABASE_URL,
        `postgres://${user}:\${POSTGRES_PASSWORD:?set it in .env}@db:5432/${database}`,
      );
    assert.deepEqual(db.volumes, ['pgdata:/var/lib/postgresql/data']);
    assert.ok(compose.volumes && 'pgdata' in compose.volumes, 'pgdata is a named volume');
  });

  test('operations.md A27: health checks on real routes; api and workers start once db is healthy; they stop within a grace longer than 25 s', async () => {
    // db: pg_isready over TCP as the application's user.
    const dbTest = service('db').healthcheck?.test;
    assert.ok(Array.isArray(dbTest));
    assert.deepEqual(dbTest.slice(0, 2), ['CMD', 'pg_isready']);
    assert.ok(dbTest.includes('-h'), 'over TCP, not the init-time socket');

    const grace = Number(findSetting('TRIBUTARY_SHUTDOWN_GRACE_S')?.default);
    const scripts = new Map<string, string>();
    for (const name of tributaryServices) {
      const s = service(name);
      assert.deepEqual(s.depends_on, { db: { condition: 'service_healthy' } });
      assert.ok(durationSeconds(s.stop_grace_period) > grace, 'stop_grace_period');
      const testCommand = s.healthcheck?.test;
      assert.ok(Array.isArray(testCommand) && testCommand[0] === 'CMD', `${name} health check`);
      scripts.set(`${name} (compose)`, healthcheckScript(testCommand.slice(1)));
    }
    const imageCheck = only(finalStage, 'HEALTHCHECK');
    assert.equal(imageCheck.length, 1);
    const [options, command] = (imageCheck[0]?.args ?? '').split(/\s+CMD\s+/);
    assert.ok(command && options !== undefined);
    scripts.set('image', healthcheckScript(execForm(command)));

    assert.equal(urlPath(scripts.get('image') ?? ''), '/healthz', 'the image checks liveness');
    for (const name of tributaryServices)
      assert.equal(urlPath(scripts.get(`${name} (compose)`) ?? ''), '/readyz');
    for (const script of scripts.values()) assert.ok(openapiPaths.includes(urlPath(script)));

    // Run each check as Docker would, against a real server: 0 while it answers, 1 once gone.
    const driver = testDrivers.includes('embedded') ? 'embedded' : testDrivers[0];
    assert.ok(driver);
    const server = await startTestServer(driver);
    const port = new URL(server.url).port;
    try {
      for (const [where, script] of scripts)
        assert.equal(await runNodeScript(script, { PORT: port }), 0, `${where} on a ready server`);
    } finally {
      await server.stop();
    }
    for (const [where, script] of scripts)
      assert.equal(await runNodeScript(script, { PORT: port }), 1, `${where} with no server`);
  });

  test('operations.md A27: every variable the compose file uses is a Tributary setting or a postgres image variable, and secrets come from .env as required variables', () => {
    for (const name of tributaryServices)
      for (const key of Object.keys(service(name).environment ?? {}))
        assert.ok(findSetting(key), `${name}: ${key} is a setting of src/config/schema.ts`);
    for (const key of Object.keys(service('db').environment ?? {}))
      assert.ok(postgresImageVariables.has(key), `db: ${key} is read by the postgres image`);

    const used = interpolations(composeText);
    assert.ok(used.length > 0);
    for (const { name } of used)
      assert.ok(
        findSetting(name) || postgresImageVariables.has(name),
        `\${${name}} is a setting or a postgres image variable`,
      );
    // Required-variable syntax: `docker compose up` fails early without them (operations.md §13.2).
    for (const name of [
      'POSTGRES_PASSWORD',
      'TRIBUTARY_ENCRYPTION_KEY',
      'TRIBUTARY_ADMIN_TOKEN',
      'TRIBUTARY_API_KEY',
    ]) {
      const forms = used.filter((u) => u.name === name);
      assert.ok(forms.length > 0, `${name} is read from .env`);
      assert.ok(
        forms.every((u) => u.operator === ':?'),
        `${name} uses \${${name}:?…}`,
      );
    }
    // Every secret setting passed to a container comes from .env, never a literal in the file.
    for (const name of tributaryServices)
      for (const [key, value] of Object.entries(service(name).environment ?? {}))
        if (findSetting(key)?.secret)
          assert.match(String(value), /\$\{[A-Z_]+:?[-?]/, `${name}: ${key} comes from .env`);
    // The encryption key and admin token go to every Tributary container (production needs both).
    for (const name of tributaryServices) {
      const env = service(name).environment ?? {};
      assert.equal(env.TRIBUTARY_ENCRYPTION_KEY, '${TRIBUTARY_ENCRYPTION_KEY:?set it in .env}');
      assert.equal(env.TRIBUTARY_ADMIN_TOKEN, '${TRIBUTARY_ADMIN_TOKEN:?set it in .env}');
    }
  });
});

describe('.env.example', () => {
  test('operations.md A27: it lists exactly the variables the compose file reads, each explained, with no secret filled in', () => {
    const names = example.map((e) => e.name);
    assert.equal(new Set(names).size, names.length, 'no duplicates');
    const used = new Set(interpolations(composeText).map((u) => u.name));
    assert.deepEqual([...names].sort(), [...used].sort());
    for (const required of [
      'POSTGRES_PASSWORD',
      'TRIBUTARY_ENCRYPTION_KEY',
      'TRIBUTARY_ADMIN_TOKEN',
      'TRIBUTARY_API_KEY',
      'TRIBUTARY_PUBLIC_URL',
    ])
      assert.ok(names.includes(required), required);

    const secretNames = new Set([
      'POSTGRES_PASSWORD',
      ...settings.filter((s) => s.secret).map((s) => s.name),
    ]);
    for (const entry of example) {
      assert.ok(entry.comment.length > 0, `${entry.name} has a comment`);
      if (secretNames.has(entry.name)) {
        assert.equal(entry.value, '', `${entry.name} is left empty`);
        assert.match(
          entry.comment,
          /Generate: openssl rand /,
          `${entry.name} says how to make one`,
        );
      } else {
        const setting = findSetting(entry.name);
        assert.ok(setting, entry.name);
        const parsed = setting.parse(entry.value, { cwd: root });
        assert.ok(parsed.ok, `${entry.name}=${entry.value} is a valid value`);
      }
    }
    assert.equal(
      example.find((e) => e.name === 'TRIBUTARY_PUBLIC_URL')?.value,
      'http://localhost:8080',
    );
    assert.ok(
      read('.gitignore')
        .split('\n')
        .some((l) => l.trim() === '.env' || l.trim() === '/.env'),
      '.env is git-ignored',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// With an engine, or only the compose CLI.

function probe(command: string, args: string[]): { ok: boolean; output: string } {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  if (run.error) return { ok: false, output: run.error.message };
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

function composeCommand(): { command: string; args: string[] } | null {
  if (probe('docker', ['compose', 'version']).ok) return { command: 'docker', args: ['compose'] };
  if (probe('docker-compose', ['version']).ok) return { command: 'docker-compose', args: [] };
  return null;
}

function engineSkipReason(): string | false {
  const info = probe('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (!info.ok) return `no reachable Docker engine (${info.output.split('\n')[0] ?? ''})`;
  const base = stages[0]?.image ?? '';
  if (!probe('docker', ['image', 'inspect', base]).ok)
    return `the base image ${base} is not present locally and cannot be pulled here`;
  return false;
}

const composeCli = composeCommand();
const noCompose = composeCli ? false : 'neither `docker compose` nor `docker-compose` is installed';
const noEngine = engineSkipReason();

describe('with a container toolchain', () => {
  test(
    'operations.md A27: docker compose refuses to start without TRIBUTARY_ENCRYPTION_KEY in .env, and accepts a filled .env',
    { skip: noCompose },
    () => {
      assert.ok(composeCli);
      const dir = tempDir();
      const filled = Object.fromEntries(example.map((e) => [e.name, e.value]));
      Object.assign(filled, {
        POSTGRES_PASSWORD: 'a'.repeat(24),
        TRIBUTARY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        TRIBUTARY_ADMIN_TOKEN: 'b'.repeat(40),
        TRIBUTARY_API_KEY: 'c'.repeat(40),
      });
      const write = (name: string, values: Record<string, string>) => {
        const path = join(dir, name);
        writeFileSync(
          path,
          Object.entries(values)
            .map(([k, v]) => `${k}=${v}\n`)
            .join(''),
        );
        return path;
      };
      // Only PATH and HOME: a variable in the shell would override .env.
      const config = (envFile: string) =>
        spawnSync(
          composeCli.command,
          [
            ...composeCli.args,
            '-f',
            join(root, 'docker-compose.yml'),
            '--env-file',
            envFile,
            'config',
          ],
          {
            cwd: dir,
            env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
            encoding: 'utf8',
            timeout: 60_000,
          },
        );

      const ok = config(write('filled.env', filled));
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /TRIBUTARY_WORKER: "?off"?/);

      const withoutKey = config(write('no-key.env', { ...filled, TRIBUTARY_ENCRYPTION_KEY: '' }));
      assert.notEqual(withoutKey.status, 0);
      assert.match(withoutKey.stderr, /TRIBUTARY_ENCRYPTION_KEY/);
      assert.match(withoutKey.stderr, /set it in \.env/);

      const shipped = config(join(root, '.env.example'));
      assert.notEqual(shipped.status, 0, 'the example as shipped is refused until filled in');
    },
  );

  test(
    'operations.md A27: docker build produces an image that runs as node, exposes 8080 and checks /healthz',
    { skip: noEngine, timeout: 30 * 60_000 },
    () => {
      const tag = `tributary-test:${process.pid}`;
      const build = spawnSync('docker', ['build', '-t', tag, root], {
        encoding: 'utf8',
        timeout: 30 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(build.status, 0, build.stderr.slice(-4000));
      try {
        const inspect = spawnSync(
          'docker',
          ['image', 'inspect', tag, '--format', '{{json .Config}}'],
          {
            encoding: 'utf8',
          },
        );
        assert.equal(inspect.status, 0, inspect.stderr);
        const config = JSON.parse(inspect.stdout) as {
          User: string;
          ExposedPorts: Record<string, unknown>;
          Healthcheck?: { Test: string[] };
          Entrypoint: string[];
          Cmd: string[];
        };
        assert.equal(config.User, 'node');
        assert.ok('8080/tcp' in config.ExposedPorts);
        assert.match(config.Healthcheck?.Test.join(' ') ?? '', /\/healthz/);
        assert.deepEqual(
          [...config.Entrypoint, ...config.Cmd],
          ['node', 'dist/cli/main.js', 'serve'],
        );
        const id = spawnSync('docker', ['run', '--rm', '--entrypoint', 'id', tag, '-u'], {
          encoding: 'utf8',
          timeout: 60_000,
        });
        assert.equal(id.stdout.trim(), '1000');
        const noSecrets = spawnSync('docker', ['run', '--rm', tag], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        assert.equal(noSecrets.status, 78, 'production without key and admin token (§13.1)');
      } finally {
        spawnSync('docker', ['image', 'rm', '-f', tag]);
      }
    },
  );
});
