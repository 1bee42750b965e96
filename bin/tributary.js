#!/usr/bin/env node
// Runs the CLI from the TypeScript sources: tsx is a runtime dependency, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
