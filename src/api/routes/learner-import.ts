import { csvImportQuerySchema, csvImportReportSchema } from '../../contracts/csv-import.ts';
import { AppError } from '../../core/errors.ts';
import { importLearnersCsv } from '../../platform/csv-import.ts';
import { defineRoute } from '../registry.ts';

/** The largest CSV accepted over HTTP; counted while streaming, not trusted from headers. */
export const CSV_MAX_BYTES = 50 * 1024 * 1024;

export const learnerImportRoutes = [
  defineRoute({
    operationId: 'importLearnersCsv',
    method: 'POST',
    url: '/api/learners/import',
    summary: 'Creates and updates learners (source csv) from a CSV file sent as the raw body.',
    description:
      'all-or-nothing (default): any row error and nothing is written: 422 CSV_INVALID with the report in error.details. ' +
      'valid-rows-only: bad rows are skipped and reported. dryRun=true: the full report, nothing written (always 200).',
    tag: 'learners',
    auth: 'admin',
    query: csvImportQuerySchema,
    rawBody: {
      contentType: 'text/csv',
      maxBytes: CSV_MAX_BYTES,
      description: 'The CSV file (UTF-8, header row first), at most 50 MB.',
    },
    response: csvImportReportSchema,
    errors: ['CSV_INVALID'],
    handler: async ({ ctx, principal, query, rawBody, now }) => {
      if (!rawBody) throw new Error('the import route is declared with a raw body');
      const report = await importLearnersCsv(ctx.deps.store.db, {
        tenantId: principal.tenantId,
        input: rawBody,
        mode: query.mode,
        dryRun: query.dryRun,
        actor: principal.actor,
        now,
      });
      if (!report.dryRun && !report.applied) {
        throw new AppError(
          'CSV_INVALID',
          `The CSV file has ${report.errorCount} error(s); nothing was imported.`,
          csvImportReportSchema.parse(report),
        );
      }
      return report;
    },
  }),
];
