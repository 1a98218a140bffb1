import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'rollcall.js');

export interface EmulatorProcess {
  url: string;
  apiKey: string;
  domain: string;
  stop(): void;
}

/**
 * The BambooHR emulator in its own process, so its memory and CPU do not count against the
 * process being measured.
 */
export function startEmulatorProcess(employees: number, seed: number): Promise<EmulatorProcess> {
  const apiKey = 'b'.repeat(40);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BIN,
      'emulator',
      'bamboohr',
      '--port',
      '0',
      '--employees',
      String(employees),
      '--seed',
      String(seed),
      '--api-key',
      apiKey,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, apiKey, domain: 'acme', stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}
