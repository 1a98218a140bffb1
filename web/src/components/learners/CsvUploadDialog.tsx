import { useEffect, useId, useRef, useState } from 'react';
import type { CSV_IMPORT_MODES, CsvImportReportDto } from '../../../../src/contracts/csv-import.ts';
import { csvImportReportSchema } from '../../../../src/contracts/csv-import.ts';
import { ApiError, query, uploadCsv } from '../../api.ts';
import { Button, Dialog, ErrorNote } from '../ui.tsx';

type Mode = (typeof CSV_IMPORT_MODES)[number];

const COLUMNS =
  'work_email (required), first_name, last_name, department, job_title, employee_type, location, country, manager_name, manager_email, employee_number, employment_status, start_date';

/** The report of a refused all-or-nothing import travels in the error's details. */
function reportOf(error: unknown): CsvImportReportDto | null {
  if (!(error instanceof ApiError) || error.code !== 'CSV_INVALID') return null;
  const parsed = csvImportReportSchema.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

/**
 * CSV learner upload: choose a file, preview it (a dry run with counts and row-level errors), then
 * import it all-or-nothing or valid rows only.
 */
export function CsvUploadDialog({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all-or-nothing');
  const [preview, setPreview] = useState<CsvImportReportDto | null>(null);
  const [done, setDone] = useState<CsvImportReportDto | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setPreview(null);
    setDone(null);
    setError(null);
  };
  const close = () => {
    setFile(null);
    setMode('all-or-nothing');
    reset();
    onClose();
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'preview' : 'import');
    setError(null);
    try {
      const report = await uploadCsv(
        csvImportReportSchema,
        `/api/learners/import${query({ mode, dryRun })}`,
        file,
      );
      if (dryRun) setPreview(report);
      else {
        setDone(report);
        onImported();
      }
    } catch (e) {
      const refused = reportOf(e);
      if (refused) setPreview(refused);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const blocked = preview !== null && mode === 'all-or-nothing' && preview.errorCount > 0;
  const nothingToDo = preview !== null && preview.created + preview.updated === 0;
  const footer = done ? (
    <Button variant="primary" onClick={close}>
      Done
    </Button>
  ) : (
    <>
      <Button onClick={close}>Cancel</Button>
      <Button
        onClick={() => void send(true)}
        disabled={!file}
        busy={busy === 'preview'}
        variant={preview ? 'secondary' : 'primary'}
      >
        Preview
      </Button>
      <Button
        variant="primary"
        onClick={() => void send(false)}
        disabled={!preview || blocked || nothingToDo}
        busy={busy === 'import'}
      >
        Import
      </Button>
    </>
  );

  return (
    <Dialog open={open} title="Upload learners" onClose={close} footer={footer} wide>
      <div className="csv-upload">
        {done ? (
          <div role="status" className="csv-done">
            <p className="csv-done-title">
              Imported {done.created} new and {done.updated} updated learner
              {done.created + done.updated === 1 ? '' : 's'}.
            </p>
            <p className="muted">
              {done.unchanged} unchanged
              {done.skipped > 0 ? `, ${done.skipped} row(s) with errors skipped` : ''}.
            </p>
          </div>
        ) : (
          <>
            <p>
              Add learners or update them from a spreadsheet. Rows are matched to existing learners
              by work email; empty cells never erase what Rollcall already knows.
            </p>
            <p className="warn-note small">
              With an HRIS connected, its next sync overrides the fields the HRIS owns (name,
              department, job title, location, manager…). Use CSV upload for people or details your
              HRIS does not provide.
            </p>
            <div className="field">
              <label htmlFor={fileId}>CSV file</label>
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${fileId}-hint`}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  reset();
                }}
              />
              <p className="hint" id={`${fileId}-hint`}>
                UTF-8, a header row first, at most 50 MB. Columns: {COLUMNS}.
              </p>
            </div>
            <fieldset className="choice-group">
              <legend>When some rows have errors</legend>
              <label className="choice">
                <input
                  type="radio"
                  name="csv-mode"
                  checked={mode === 'all-or-nothing'}
                  onChange={() => {
                    setMode('all-or-nothing');
                    reset();
                  }}
                />
                <span>
                  <strong>Import nothing</strong>
                  <span className="hint">All or nothing: fix the file, then upload it again.</span>
                </span>
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name="csv-mode"
                  checked={mode === 'valid-rows-only'}
                  onChange={() => {
                    setMode('valid-rows-only');
                    reset();
                  }}
                />
                <span>
                  <strong>Import the valid rows only</strong>
                  <span className="hint">Rows with errors are skipped and listed below.</span>
                </span>
              </label>
            </fieldset>
            <ErrorNote error={error} />
            {preview ? <CsvPreview report={preview} blocked={blocked} /> : null}
          </>
        )}
      </div>
    </Dialog>
  );
}

function CsvPreview({ report, blocked }: { report: CsvImportReportDto; blocked: boolean }) {
  const ref = useRef<HTMLElement>(null);
  // The preview appears below the form: bring it into view in the scrolling dialog body. Braces:
  // Chromium's scrollIntoView returns a promise, which React would call as the effect's cleanup.
  useEffect(() => {
    void ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [report]);
  const counts: [string, number][] = [
    ['Rows', report.rows],
    ['New learners', report.created],
    ['Updated', report.updated],
    ['Unchanged', report.unchanged],
    ['Errors', report.errorCount],
  ];
  return (
    <section ref={ref} className="csv-preview" aria-label="Preview">
      <h3>Preview</h3>
      <dl className="csv-counts">
        {counts.map(([label, value]) => (
          <div key={label} className={label === 'Errors' && value > 0 ? 'bad' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {blocked ? (
        <p className="warn-note small">
          Nothing will be imported while the file has errors. Fix the rows below, or choose “Import
          the valid rows only”.
        </p>
      ) : report.created + report.updated === 0 && report.errorCount === 0 ? (
        <p className="note small">Everything in this file is already up to date.</p>
      ) : null}
      {report.errors.length > 0 ? (
        <div className="table-wrap">
          <table className="csv-errors">
            <caption className="sr-only">Row errors</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={`${e.line}-${e.column ?? ''}-${i}`}>
                  <td>{e.line}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.errorCount > report.errors.length ? (
        <p className="hint">
          Showing the first {report.errors.length} of {report.errorCount} errors.
        </p>
      ) : null}
    </section>
  );
}
