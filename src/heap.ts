import v8 from 'node:v8';

/**
 * How much V8 may grow the heap after a full garbage collection, as a percentage of what was live
 * (V8 by default grows it by up to 300% when a process allocates fast).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds this process's heap growth (ADR 0015). A sync allocates a great deal of short-lived text
 * (records, result rows, learner rows, event payloads) around a small live set; with V8's default
 * growth a 200k-person sync let ~70 MB of live data grow a heap of ~300 MB before collecting it.
 * Bounded, the heap is collected more often and stays near what is live, at no measurable cost in
 * sync time. Left alone when the operator chose a value (node arguments or NODE_OPTIONS).
 * Returns whether it set the value.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env['NODE_OPTIONS'] ?? '',
): boolean {
  if (/--heap[-_]growing[-_]percent/.test([...execArgv, nodeOptions].join(' '))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
