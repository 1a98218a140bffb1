import { describe, expect, it } from 'vitest';
import { capture, runCli, startCli } from './cli-testing.ts';
import {
  integerOption,
  listOption,
  positiveIntegerOption,
  rateLimitOption,
  runEmulatorCli,
  textOption,
  type CliIo,
  type CommonCliOptions,
} from './cli.ts';
import { listen } from './http.ts';

describe('option readers', () => {
  it('read text, lists and integers, and refuse what is not a count', () => {
    expect(textOption({ a: 'x', b: '', c: true }, 'a')).toBe('x');
    expect(textOption({ b: '' }, 'b')).toBeUndefined();
    expect(listOption({ f: ['a', '', 'b'] }, 'f')).toEqual(['a', 'b']);
    expect(listOption({}, 'f')).toEqual([]);
    expect(integerOption('12', 'n')).toBe(12);
    expect(() => integerOption('-1', 'n')).toThrow('--n must be a non-negative integer');
    expect(rateLimitOption({ r: '0' }, 'r')).toBe(Number.POSITIVE_INFINITY);
    expect(rateLimitOption({ r: '7' }, 'r')).toBe(7);
    expect(rateLimitOption({}, 'r')).toBeUndefined();
    expect(positiveIntegerOption({ p: '3' }, 'p')).toBe(3);
    expect(() => positiveIntegerOption({ p: '0' }, 'p')).toThrow('--p must be at least 1');
  });
});

/** A tiny emulator CLI whose options are built asynchronously, as csv-sftp's are. */
function runToyCli(argv: readonly string[], io?: CliIo): Promise<number> {
  return runEmulatorCli(
    {
      usage: 'Usage: rollcall emulator toy [options]\n\n  --name N   a name',
      options: { name: { type: 'string' }, tag: { type: 'string', multiple: true } },
      async build(common: CommonCliOptions, values) {
        await Promise.resolve();
        if (textOption(values, 'name') === 'bad') throw new Error('--name must not be bad');
        return { ...common, tags: listOption(values, 'tag') };
      },
      start: (options) => listen(() => Promise.resolve(), options),
      banner: (server, options) => [
        `Toy emulator listening on ${server.url}`,
        `  tags:    ${options.tags.join(', ')}`,
        `  company: ${JSON.stringify(options.company)}`,
      ],
    },
    argv,
    io,
  );
}

describe('runEmulatorCli', () => {
  it('parses the common flags, awaits the build, prints the banner and stops', async () => {
    const cli = await startCli(runToyCli, ['--seed', '3', '--tag', 'a', '--tag', 'b']);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.banner).toContain('tags:    a, b');
    expect(cli.banner).toContain('company: {"seed":3}');
    expect(await cli.stop()).toBe(0);
  });

  it('exits 2 with the message and usage when the build throws, 0 with --help', async () => {
    const bad = await runCli(runToyCli, ['--name', 'bad']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--name must not be bad');
    expect(bad.stderr).toContain('--employees N');
    const help = await runCli(runToyCli, ['-h']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: rollcall emulator toy');
    const out = capture();
    expect(await runToyCli(['--port', 'x'], { stderr: out })).toBe(2);
    expect(out.text()).toContain('--port must be a non-negative integer');
  });
});
