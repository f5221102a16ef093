// Project errors: every failure a user can cause (bad file, bad flag, bad shape) is a StrnnError with a
// stable code, a one-line message naming the file / variable / expected value, and an optional hint.
// Only the CLI's main prints them; library callers can switch on `code`.

export type ErrorCode =
  | 'USAGE' // bad command-line flag or option value
  | 'CONFIG' // invalid configuration object
  | 'INPUT' // a file or array that does not have the expected form
  | 'FORMAT' // bytes that do not parse as the named format
  | 'UNSUPPORTED' // a valid file using a feature we do not read
  | 'NOT_FOUND' // missing file or folder
  | 'NUMERIC' // NaN / Inf met during training or inference
  | 'IO' // the file system refused a write (disk full, read-only, permissions)
  | 'CHECKPOINT'; // checkpoint directory that does not load

export class StrnnError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'StrnnError';
    this.code = code;
    this.hint = hint;
  }
}

export function isStrnnError(e: unknown): e is StrnnError {
  return e instanceof StrnnError;
}
