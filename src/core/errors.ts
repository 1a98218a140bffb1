/**
 * The one catalogue of error codes. Every error the product raises on purpose carries one of these
 * stable codes; the HTTP layer maps the code to a status in one place and the CLI to an exit code.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in or send a valid API token.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Email or password is wrong.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this action.' },
  CSRF_FAILED: { status: 403, message: 'Missing or wrong CSRF token.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  TENANT_NOT_FOUND: { status: 404, message: 'No such tenant.' },
  TENANT_REQUIRED: { status: 400, message: 'Several tenants exist: choose one with --tenant.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  SLUG_TAKEN: { status: 409, message: 'A tenant with this slug already exists.' },
  EMAIL_TAKEN: { status: 409, message: 'A user with this email already exists.' },
  LEARNER_DEACTIVATED: { status: 409, message: 'The learner is deactivated.' },
  UNKNOWN_TO_HRIS: {
    status: 409,
    message:
      'An HRIS is connected and does not know this person: invite only people the HRIS lists as active or pending.',
  },
  HRIS_PROBE_FAILED: {
    status: 422,
    message: 'The HRIS refused the connection test: check the credentials and permissions.',
  },
  CSV_INVALID: { status: 422, message: 'The CSV file has errors; nothing was imported.' },
  LINK_EXPIRED: {
    status: 410,
    message: 'This connect link has expired: ask your Rollcall admin for a new one.',
  },
  LINK_USED: {
    status: 410,
    message: 'This connect link was already used: each link connects once.',
  },
  LINK_REVOKED: {
    status: 410,
    message: 'This connect link was revoked: ask your Rollcall admin for a new one.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts: wait a few minutes and try again.' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is not valid.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An expected failure with a stable code, safe to show to the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
