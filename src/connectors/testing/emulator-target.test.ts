import { describe, expect, it } from 'vitest';
import { companyExpectations, throttleVia } from './emulator-target.ts';

describe('emulator target helpers', () => {
  it('companyExpectations lists everyone, the leavers, and managers who are listed', () => {
    const people = [
      { id: 'a', managerId: null, left: false },
      { id: 'b', managerId: 'a', left: true },
      { id: 'c', managerId: 'gone', left: false },
    ];
    const company = {
      all: () => people,
      get: (id: string) => people.find((p) => p.id === id),
      isTerminated: (p: (typeof people)[number]) => p.left,
    };
    expect(companyExpectations(company)).toEqual({
      externalIds: ['a', 'b', 'c'],
      terminatedIds: ['b'],
      managers: { b: 'a' },
    });
  });

  it('throttleVia sets the common throttle fault', () => {
    const patches: unknown[] = [];
    throttleVia({ setFaults: (patch) => void patches.push(patch) })(3, 2);
    expect(patches).toEqual([{ throttle: { burst: 3, retryAfterSeconds: 2 } }]);
  });
});
