import { describe, expect, it } from 'vitest';
import type { PeopleIndex } from './managers.ts';
import { resolveManager } from './managers.ts';

const entry = (managerExternalId: string | null) => ({
  firstName: 'F',
  lastName: 'L',
  workEmail: 'f@acme.test',
  managerExternalId,
});

const ask = (id: string, people: PeopleIndex) =>
  resolveManager(
    {
      externalId: id,
      managerExternalId: people.get(id)?.managerExternalId ?? null,
      managerName: null,
      managerEmail: null,
    },
    people,
  ).note;

describe('resolveManager cycles', () => {
  // a → b → c → a is a cycle; d reports into it; e → f → g ends; h → e shares e's chain;
  // i → j → x ends at someone outside the snapshot (j's manager is unresolved); k → i shares
  // that chain.
  const chains: Record<string, string | null> = {
    a: 'b',
    b: 'c',
    c: 'a',
    d: 'a',
    e: 'f',
    f: 'g',
    g: null,
    h: 'e',
    i: 'j',
    j: 'x',
    k: 'i',
  };
  const orders = [
    Object.keys(chains),
    Object.keys(chains).reverse(),
    ['h', 'd', 'e', 'a', 'g'],
    ['k', 'c', 'i', 'b', 'j'],
  ];

  it.each(orders)(
    'notes exactly the people on a cycle, whatever the order asked (%#)',
    (...order) => {
      const people: PeopleIndex = new Map(Object.entries(chains).map(([id, m]) => [id, entry(m)]));
      const notes = Object.fromEntries(order.map((id) => [id, ask(id, people)]));
      for (const id of order)
        expect(notes[id], id).toBe(
          ['a', 'b', 'c'].includes(id) ? 'manager_cycle' : id === 'j' ? 'manager_unresolved' : null,
        );
    },
  );
});
