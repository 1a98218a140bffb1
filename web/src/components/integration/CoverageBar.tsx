/** A percentage as a number and a quiet bar (the number carries the meaning; the bar is decoration). */
export function CoverageBar({ percent }: { percent: number }) {
  const clamped = Math.max(0, Math.min(100, percent));
  return (
    <span className="coverage">
      <span className="coverage-track" aria-hidden="true">
        <span className="coverage-fill" style={{ width: `${clamped}%` }} />
      </span>
      <span className="coverage-value">
        {Number.isInteger(percent) ? percent : percent.toFixed(1)}%
      </span>
    </span>
  );
}
