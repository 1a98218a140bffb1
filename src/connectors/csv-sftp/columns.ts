import {
  CSV_FIELDS,
  CSV_FIELD_LABELS,
  fieldForHeader,
  type CsvField,
} from '../../platform/csv-columns.ts';

/**
 * The columns the connector reads: exactly the CSV upload's (`src/platform/csv-columns.ts`), with
 * the same header names and aliases, so one file format serves both the upload and the SFTP drop.
 */
export const CSV_SFTP_REQUESTED_COLUMNS: readonly string[] = CSV_FIELDS.map(
  (field) => CSV_FIELD_LABELS[field],
);

/**
 * Columns an HR export often carries that the connector never reads: no upload alias maps to them,
 * so their cells are skipped while parsing and can reach neither the store nor the logs.
 */
export const CSV_SFTP_DENIED_COLUMNS: readonly string[] = [
  'salary',
  'pay_rate',
  'compensation',
  'bonus',
  'ssn',
  'national_id',
  'tax_id',
  'passport_number',
  'home_address',
  'home_phone',
  'personal_email',
  'personal_phone',
  'date_of_birth',
  'birth_date',
  'gender',
  'ethnicity',
  'marital_status',
  'bank_account',
  'iban',
  'time_off_balance',
  'performance_rating',
];

/** The column that identifies a person across files (the connection's external id). */
export const ID_COLUMNS = ['work_email', 'employee_number'] as const;
export type IdColumn = (typeof ID_COLUMNS)[number];

export const ID_FIELD: Record<IdColumn, CsvField> = {
  work_email: 'workEmail',
  employee_number: 'employeeNumber',
};

/** Fails at import if a CSV alias ever started to read a denied column. */
export function assertDeniedColumnsUnmapped(denied: readonly string[]): void {
  const mapped = denied.filter((column) => fieldForHeader(column) !== undefined);
  if (mapped.length > 0) {
    throw new Error(`csv-sftp: the CSV mapping reads denied columns: ${mapped.join(', ')}`);
  }
}
