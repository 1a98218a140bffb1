/** Clocks and figures for the benches: peak RSS, wall and CPU seconds, per-phase figures, medians. */

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
export const seconds = (since: number): number =>
  Number(((performance.now() - since) / 1000).toFixed(2));
export const round = (s: number): number => Number(s.toFixed(2));
/** CPU seconds of this process since `since` (steadier than wall time on a busy machine). */
export const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1e6);
};

/**
 * Wall and CPU seconds per engine phase, from the engine's progress events (a phase ends when the
 * next starts), and the largest RSS seen at those events (MB).
 */
export class PhaseClock {
  #phases: { phase: string; at: number; cpu: number; rssMb: number; heapMb: number }[] = [];

  readonly onProgress = ({ phase }: { phase: string }): void => {
    const { rss, heapUsed } = process.memoryUsage();
    const [rssMb, heapMb] = [Math.round(rss / 2 ** 20), Math.round(heapUsed / 2 ** 20)];
    const last = this.#phases[this.#phases.length - 1];
    if (last?.phase === phase) {
      last.rssMb = Math.max(last.rssMb, rssMb);
      last.heapMb = Math.max(last.heapMb, heapMb);
    } else this.#phases.push({ phase, at: performance.now(), cpu: cpuNow(), rssMb, heapMb });
  };

  start(): void {
    this.#phases = [{ phase: 'start', at: performance.now(), cpu: cpuNow(), rssMb: 0, heapMb: 0 }];
  }

  result(): Record<string, PhaseFigures> {
    const end = { at: performance.now(), cpu: cpuNow() };
    const out: Record<string, PhaseFigures> = {};
    this.#phases.forEach(({ phase, at, cpu, rssMb, heapMb }, i) => {
      const next = this.#phases[i + 1] ?? end;
      out[phase] = {
        seconds: round((next.at - at) / 1000),
        cpuSeconds: round((next.cpu - cpu) / 1e6),
        rssMb,
        heapMb,
      };
    });
    return out;
  }
}

/** Per phase: wall and CPU seconds, the largest RSS and V8 heap in use seen (MB). */
export interface PhaseFigures {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  heapMb: number;
}

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** The median of some figures (the mean of the middle two for an even count). */
export function median(figures: readonly number[]): number {
  const sorted = [...figures].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? NaN)
      : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return round(value);
}
