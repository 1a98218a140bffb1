import { describe, expect, it } from 'vitest';
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
    expect(() => getConnector('workday')).toThrow(/Unknown connector "workday".*bamboohr/);
  });
});
