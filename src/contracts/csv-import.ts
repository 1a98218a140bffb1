import { z } from 'zod';
import { queryBooleanSchema } from './common.ts';

export const CSV_IMPORT_MODES = ['all-or-nothing', 'valid-rows-only'] as const;

export const csvImportQuerySchema = z.strictObject({
  mode: z
    .enum(CSV_IMPORT_MODES)
    .default('all-or-nothing')
    .meta({ description: 'all-or-nothing: any error and nothing is written.' }),
  dryRun: queryBooleanSchema
    .default(false)
    .meta({ description: 'true: report what would happen, write nothing.' }),
});

export const csvRowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const csvImportReportSchema = z.object({
  mode: z.enum(CSV_IMPORT_MODES),
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(csvRowErrorSchema),
  errorCount: z.number().int(),
});

export type CsvImportReportDto = z.infer<typeof csvImportReportSchema>;
