#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader, so the generator
// needs no build step of its own.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
