import { readFile } from 'node:fs/promises';

/**
 * A shared sample read in place (never copied into the repository): the bytes an emulator serves
 * verbatim, and their JSON for recognising which endpoint the sample answers.
 */
export interface JsonFixture {
  path: string;
  body: Buffer;
  parsed: unknown;
}

/** Reads a JSON sample; rejects with `Fixture <path> is not JSON` when it does not parse. */
export async function readJsonFixture(path: string): Promise<JsonFixture> {
  const body = await readFile(path);
  return { path, body, parsed: parseJsonFixture(body, path) };
}

/** A sample's bytes as JSON; throws `Fixture <path> is not JSON` when they do not parse. */
export function parseJsonFixture(body: Buffer, path: string): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new Error(`Fixture ${path} is not JSON`);
  }
}
