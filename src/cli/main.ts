import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { processEnvironment } from '../config/environment.ts';
import { formatProblems, loadConfig, type Config } from '../config/load.ts';
import { openOperator, OperatorError, restoreBackup, type Operator } from '../operator.ts';
import { renderConfig } from './commands/config.ts';
import {
  backup,
  createApp,
  createKey,
  listApps,
  listKeys,
  reencrypt,
  resetSandbox,
  revokeKey,
  type Output,
} from './commands/resources.ts';
import {
  renderBanner,
  runMigrations,
  startRuntime,
  StartupError,
  version,
  type Runtime,
} from '../main.ts';

/** Exit codes of operations.md §5.3. */
export const exitCodes = {
  ok: 0,
  runtime: 1,
  usage: 2,
  unreachable: 3,
  config: 78,
  secondSignal: 130,
} as const;

class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

function configOrExit(): { config: Config; warnings: string[] } {
  const result = loadConfig(processEnvironment());
  if (!result.ok) throw new ExitError(exitCodes.config, formatProblems(result.problems));
  return { config: result.config, warnings: result.warnings };
}

async function runProcess(role: 'serve' | 'worker'): Promise<void> {
  const { config, warnings } = configOrExit();
  let runtime: Runtime | null = null;
  let signals = 0;

  const shutDown = (started: Runtime) => {
    started.stop().then(
      () => process.exit(exitCodes.ok),
      (error: unknown) => {
        started.logger.error({ err: error }, 'shutdown failed');
        started.releaseLock();
        process.exit(exitCodes.runtime);
      },
    );
  };
  // Installed before anything starts, so a signal during start-up is an orderly stop too.
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      // A second signal during shutdown: leave now, but never leave the lock behind.
      runtime?.releaseLock();
      process.exit(exitCodes.secondSignal);
    }
    if (runtime) {
      runtime.logger.info({ signal }, 'signal received');
      shutDown(runtime);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    runtime = await startRuntime(config, role, { configWarnings: warnings });
  } catch (error) {
    if (error instanceof StartupError) throw new ExitError(error.exitCode, error.message);
    throw error;
  }
  const started = runtime;
  const crash = (error: unknown) => {
    started.logger.fatal({ err: error }, 'uncaught error');
    started.logger.flush();
    started.releaseLock();
    process.exit(exitCodes.runtime);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  if (signals > 0) {
    started.logger.info('signal received during start-up');
    shutDown(started);
    return;
  }
  if (role === 'serve') process.stderr.write(renderBanner(started.banner));
}

function buildProgram(): Command {
  const program = new Command('tributary')
    .description('Self-hosted open-banking data aggregation.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showSuggestionAfterError();

  program
    .command('serve')
    .description(
      'start the server: API, sandbox banks and (unless TRIBUTARY_WORKER=off) the worker',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 stopped, 1 runtime error (e.g. data directory in use), 3 database unreachable, 78 invalid configuration, 130 second signal.',
    )
    .action(() => runProcess('serve'));

  program
    .command('worker')
    .description('PostgreSQL mode: a worker-only process (jobs, scheduler, webhooks)')
    .addHelpText(
      'after',
      '\nExit codes: 0 stopped, 2 embedded mode (the server runs the worker in-process), 3 database unreachable, 78 invalid configuration.',
    )
    .action(() => runProcess('worker'));

  program
    .command('migrate')
    .description('apply pending migrations and exit')
    .addOption(new Option('--json', 'print {"applied":[…]}'))
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 data directory in use or newer database, 3 database unreachable, 78 invalid configuration.',
    )
    .action(async (options: { json?: boolean }) => {
      const { config } = configOrExit();
      let applied: string[];
      try {
        applied = await runMigrations(config);
      } catch (error) {
        if (error instanceof StartupError) throw new ExitError(error.exitCode, error.message);
        throw error;
      }
      if (options.json) process.stdout.write(`${JSON.stringify({ applied })}\n`);
      else if (applied.length === 0) process.stdout.write('up to date\n');
      else {
        const range =
          applied.length === 1
            ? applied[0]
            : `${applied[0]?.slice(0, 4)}…${applied.at(-1)?.slice(0, 4)}`;
        process.stdout.write(
          `applied ${applied.length} migration${applied.length === 1 ? '' : 's'} (${range})\n`,
        );
      }
    });

  program
    .command('config')
    .description('print the effective configuration, secrets redacted')
    .addOption(new Option('--json', 'one JSON object {"NAME":{"value","source"}}'))
    .addHelpText('after', '\nExit codes: 0 valid, 78 invalid configuration (problems printed).')
    .action((options: { json?: boolean }) => {
      const result = loadConfig(processEnvironment());
      const out = renderConfig(result, { json: options.json === true });
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      process.exitCode = out.exitCode;
    });

  /** Runs a resource command on the deployment the configuration names (operations.md §5.2). */
  const resource =
    (run: (operator: Operator) => Promise<Output>, check?: (config: Config) => void) =>
    async (): Promise<void> => {
      const { config } = configOrExit();
      check?.(config);
      let operator: Operator;
      try {
        operator = await openOperator(config);
      } catch (error) {
        if (error instanceof OperatorError) throw new ExitError(error.exitCode, error.message);
        throw error;
      }
      try {
        const out = await run(operator);
        process.stdout.write(out.stdout);
        process.stderr.write(out.stderr);
      } catch (error) {
        if (error instanceof OperatorError) throw new ExitError(error.exitCode, error.message);
        throw error;
      } finally {
        await operator.close();
      }
    };
  const resourceExits =
    '\nExit codes: 0 done, 1 not found / admin token refused / data directory in use, 2 usage, 3 server or database not reachable, 78 invalid configuration.';
  const jsonOption = () => new Option('--json', 'one JSON object per line');

  const apps = program.command('apps').description('applications (tenants) and their first key');
  apps
    .command('create')
    .description('create an application and its first key (shown once)')
    .requiredOption('--name <name>', 'the application name (1–100 characters)')
    .addOption(jsonOption())
    .addHelpText('after', resourceExits)
    .action((options: { name: string; json?: boolean }) =>
      resource((operator) => createApp(operator, options.name, options.json === true))(),
    );
  apps
    .command('list')
    .description('list applications')
    .addOption(jsonOption())
    .addHelpText('after', resourceExits)
    .action((options: { json?: boolean }) =>
      resource((operator) => listApps(operator, options.json === true))(),
    );

  const keys = program.command('keys').description("an application's API keys");
  keys
    .command('create')
    .description('add a key to an application (shown once)')
    .requiredOption('--app <id>', 'the application id')
    .addOption(jsonOption())
    .addHelpText('after', resourceExits)
    .action((options: { app: string; json?: boolean }) =>
      resource((operator) => createKey(operator, options.app, options.json === true))(),
    );
  keys
    .command('list')
    .description("list an application's keys (never the keys themselves)")
    .requiredOption('--app <id>', 'the application id')
    .addOption(jsonOption())
    .addHelpText('after', resourceExits)
    .action((options: { app: string; json?: boolean }) =>
      resource((operator) => listKeys(operator, options.app, options.json === true))(),
    );
  keys
    .command('revoke')
    .description('revoke a key; revoking a revoked key succeeds again')
    .argument('<keyId>', 'the key id')
    .addHelpText('after', resourceExits)
    .action((keyId: string) => resource((operator) => revokeKey(operator, keyId))());

  program
    .command('backup')
    .description('write a consistent backup archive (gzip) of the deployment')
    .requiredOption('--out <file>', 'where to write it')
    .option('--force', 'replace an existing file')
    .addHelpText('after', resourceExits)
    .action((options: { out: string; force?: boolean }) =>
      resource((operator) => backup(operator, options.out, options.force === true))(),
    );

  program
    .command('restore')
    .description('load a backup archive into an empty data directory or database')
    .argument('<file>', 'the archive')
    .addHelpText(
      'after',
      '\nExit codes: 0 restored, 1 not an empty target / unreadable or newer archive, 3 database not reachable, 78 invalid configuration.',
    )
    .action(async (file: string) => {
      const { config } = configOrExit();
      try {
        const { warnings } = await restoreBackup(config, file);
        for (const warning of warnings) process.stderr.write(`${warning}\n`);
        process.stdout.write(`restored ${file}\n`);
      } catch (error) {
        if (error instanceof OperatorError) throw new ExitError(error.exitCode, error.message);
        throw error;
      }
    });

  program
    .command('reencrypt')
    .description('rewrite every stored secret under the current encryption key')
    .addOption(jsonOption())
    .addHelpText('after', resourceExits)
    .action((options: { json?: boolean }) =>
      resource((operator) => reencrypt(operator, options.json === true))(),
    );

  program
    .command('sandbox')
    .description('the sandbox banks')
    .command('reset')
    .description('clear the sandbox banks’ sessions, lockouts, notices, MFA counters and faults')
    .addHelpText('after', resourceExits)
    .action(() =>
      resource(
        (operator) => resetSandbox(operator),
        (config) => {
          if (!config.sandbox.enabled) throw new ExitError(exitCodes.runtime, 'the sandbox is off');
        },
      )(),
    );

  return program;
}

/** Runs the CLI; sets the exit code, or exits for the long-running commands' signals. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    if (argv.length === 0) {
      program.outputHelp();
      process.exitCode = exitCodes.usage;
      return;
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; everything else is a usage error.
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    if (error instanceof ExitError) {
      process.stderr.write(error.message.endsWith('\n') ? error.message : `${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(
      `tributary: ${error instanceof Error ? error.message : 'unexpected error'}\n`,
    );
    process.exitCode = exitCodes.runtime;
  }
}

/** True when this module is the process's entry point (`node dist/cli/main.js …`). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

// The container image runs the compiled form of this file directly (operations.md §13.1); in a
// checkout `bin/tributary.js` imports `main` through tsx instead, so this does not run there.
if (isEntryPoint()) await main(process.argv.slice(2));
