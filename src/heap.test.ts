import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, boundHeapGrowth } from './heap.ts';

describe('boundHeapGrowth', () => {
  it('leaves a value the operator chose', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=80'], '')).toBe(false);
    expect(boundHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=20')).toBe(false);
  });

  it('keeps a process that churns through garbage near its live set', () => {
    // The same churn with V8's default growth and with the bound: a large live set, and rows kept
    // a dozen batches each (long enough to reach the old generation, as a sync's pages do).
    const script = (bound: boolean) => `
      ${bound ? `require('node:v8').setFlagsFromString('--heap-growing-percent=${HEAP_GROWING_PERCENT}');` : ''}
      const live = Array.from({ length: 600000 }, (_, i) => ({ id: 'person-' + i, n: i }));
      const recent = [];
      let peak = 0;
      for (let batch = 0; batch < 600; batch++) {
        recent.push(Array.from({ length: 2000 }, (_, i) => 'x'.repeat(300) + batch + ':' + i));
        if (recent.length > 12) recent.shift();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      console.log(Math.round(peak / 2 ** 20), live.length);`;
    const peak = (bound: boolean): number => {
      const run = spawnSync(process.execPath, ['-e', script(bound)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return Number(run.stdout.split(' ')[0]);
    };
    const [unbounded, bounded] = [peak(false), peak(true)];
    expect(bounded).toBeLessThan(unbounded * 0.8);
  });
});
