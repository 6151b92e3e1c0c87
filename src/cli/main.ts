#!/usr/bin/env -S node --no-concurrent-recompilation --single-threaded-gc
/**
 * Entry point of the `rkky` command line. The SIGINT/SIGTERM handlers are
 * installed before the CLI's modules load (loading them takes a noticeable
 * fraction of a second), so Ctrl-C exits 130 in every phase; the commands
 * are wired in program.ts.
 */
import { installSignalHandlers } from './signals.js';
import { trace } from '../trace.js';

installSignalHandlers();
trace('cli start');
await import('./program.js');
