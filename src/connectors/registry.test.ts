import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../paths.ts';
import { bamboohr } from './bamboohr/index.ts';
import { CONNECTORS, connectorIds, findConnector, getConnector } from './registry.ts';

describe('connector registry', () => {
  it('lists every connector once, by unique id', () => {
    expect(CONNECTORS).toContain(bamboohr);
    expect(new Set(connectorIds()).size).toBe(CONNECTORS.length);
  });

  it('finds a connector by id', () => {
    expect(getConnector('bamboohr')).toBe(bamboohr);
    expect(findConnector('nope')).toBeUndefined();
  });

  it('names the known ids when the id is unknown', () => {
    expect(() => getConnector('nope-hris')).toThrow(/Unknown connector "nope-hris".*bamboohr/);
  });

  it('has, for every connector, its setup page and the shared conformance suite', () => {
    for (const { id, docs } of CONNECTORS) {
      expect(docs).toBe(`docs/connectors/${id}.md`);
      expect(existsSync(join(PACKAGE_ROOT, docs)), docs).toBe(true);
      const suite = join(PACKAGE_ROOT, 'src/connectors', id, 'conformance.test.ts');
      expect(existsSync(suite), suite).toBe(true);
    }
  });

  it('ships at least the twelve connectors the product promises, each in the README table', () => {
    expect(CONNECTORS.length).toBeGreaterThanOrEqual(12);
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    for (const { id } of CONNECTORS) expect(readme).toMatch(new RegExp(`^\\| \`${id}\` +\\|`, 'm'));
    for (const { docs } of CONNECTORS) expect(readme).toContain(`(${docs})`);
  });
});
