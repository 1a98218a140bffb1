import { expect } from 'vitest';
import type { CliIo } from './cli.ts';

/** Test support for the emulators' CLIs (`run<Vendor>EmulatorCli`), run in-process. */

/** An emulator's CLI entry point. */
export type EmulatorCli = (argv: readonly string[], io?: CliIo) => Promise<number>;

/** A stand-in for stdout/stderr that keeps what is written. */
export interface Captured {
  write(text: string): boolean;
  text(): string;
}

export function capture(): Captured {
  let out = '';
  return {
    write(text: string) {
      out += text;
      return true;
    },
    text: () => out,
  };
}

/** A CLI that has printed its banner and is serving until `stop()`. */
export interface RunningCli {
  /** The address on the banner's `listening on` line (any scheme). */
  url: string;
  /** Everything printed so far: the banner. */
  banner: string;
  /** Aborts the run; resolves with its exit code. */
  stop(): Promise<number>;
}

const BANNER_END = 'Press Ctrl+C to stop.';

/** Runs a CLI until it prints its banner; throws with what it wrote if it exits or hangs first. */
export async function startCli(
  run: EmulatorCli,
  argv: readonly string[],
  timeoutMs = 5000,
): Promise<RunningCli> {
  const stdout = capture();
  const stderr = capture();
  const controller = new AbortController();
  let exitCode: number | undefined;
  const running = run(argv, { stdout, stderr, signal: controller.signal }).then((code) => {
    exitCode = code;
    return code;
  });
  const deadline = Date.now() + timeoutMs;
  while (!stdout.text().includes(BANNER_END)) {
    if (exitCode !== undefined || Date.now() > deadline) {
      controller.abort();
      await running;
      throw new Error(
        `the CLI ${exitCode === undefined ? 'printed no banner in time' : `exited ${exitCode}`}: ${stderr.text()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const url = /listening on (\S+)/.exec(stdout.text())?.[1];
  if (url === undefined) throw new Error(`no "listening on" line in: ${stdout.text()}`);
  return {
    url,
    banner: stdout.text(),
    stop: () => {
      controller.abort();
      return running;
    },
  };
}

/** A CLI run to its end (bad arguments, `--help`): its exit code and output. */
export async function runCli(
  run: EmulatorCli,
  argv: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await run(argv, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * The argument handling every emulator CLI shares, asserted: a bad number, an unknown flag and a
 * company too large exit 2 with the usage on stderr; `--help` exits 0. Resolves with the help text.
 */
export async function expectCommonArgumentHandling(
  run: EmulatorCli,
  emulator: string,
): Promise<string> {
  const usage = `Usage: rollcall emulator ${emulator}`;
  const badNumber = await runCli(run, ['--employees', 'lots']);
  expect(badNumber.code).toBe(2);
  expect(badNumber.stderr).toContain('--employees must be a non-negative integer');
  expect(badNumber.stderr).toContain(usage);
  expect((await runCli(run, ['--bogus'])).code).toBe(2);
  expect((await runCli(run, ['--employees', '300000'])).code).toBe(2);
  const help = await runCli(run, ['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain(usage);
  return help.stdout;
}
