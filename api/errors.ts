import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { safeError } from '../config/safe-error';
import { DomainError, errorMessages, type ErrorCode } from '../domain/errors';

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  UNSUPPORTED_FILE_TYPE: 415,
  DOCUMENT_NOT_FOUND: 404,
  ROOM_NOT_FOUND: 422,
  ROOM_ALREADY_BOOKED: 409,
  MEETING_MOVE_NOT_ALLOWED: 403,
  LINK_INVALID: 404,
  LINK_EXPIRED: 410,
  LINK_ALREADY_USED: 409,
  ADHESION_CODE_MISMATCH: 403,
  LAWYER_REQUIRED: 422,
  SIGNER_NOT_FOUND: 404,
  SIGNATURE_CYCLE_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 422,
  OTP_INVALID: 422,
  OTP_EXPIRED: 422,
  OTP_LOCKED: 429,
  NO_PHONE: 422,
  PRESERVATION_CLASS_UNKNOWN: 422,
  PRESERVATION_METADATA_MISSING: 422,
  PRESERVATION_PACKAGE_NOT_FOUND: 404,
  MALFORMED_JSON: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  REFRESH_INVALID: 401,
  BODY_FORBIDDEN: 403,
  BODY_MISMATCH: 403,
  PERMISSION_DENIED: 403,
  OPERATOR_ONLY: 403,
  ACTION_NOT_ALLOWED: 409,
  NOT_ASSIGNED_MEDIATOR: 403,
  DECLARATION_REQUIRED: 422,
  CASE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
  MEETING_OUTSIDE_LEGAL_WINDOW: 422,
  EXTENSION_NOT_ALLOWED: 422,
  PROPOSAL_REPLY_TERM_TOO_SHORT: 422,
  MANUAL_CHOICE_REASON_REQUIRED: 422,
  MEDIATOR_NOT_ELIGIBLE: 409,
  NO_ELIGIBLE_MEDIATOR: 409,
  PEC_NOT_CONFIGURED: 409,
  INVALID_RECIPIENT: 422,
  RECIPIENT_HAS_NO_ADDRESS: 422,
  POSTAL_TASK_NOT_OPEN: 409,
  SIGNATURE_INVALID: 403,
  REGISTER_LIMIT_REACHED: 409,
  REGISTER_NOT_FOUND: 404,
  REGISTER_CODE_TAKEN: 409,
  REGISTER_INACTIVE: 409,
  CLASSIFICATION_UNKNOWN: 422,
  PROTOCOL_ENTRY_NOT_FOUND: 404,
  ENTRY_ALREADY_ANNULLED: 409,
  ANNULMENT_REASON_REQUIRED: 422,
  PROTOCOL_FILE_NOT_FOUND: 422,
  SEGNATURA_NEEDS_DOCUMENT: 409,
  ATTACHMENT_TOO_LARGE: 413,
  DAY_NOT_OVER: 409,
  MAIL_ACCOUNT_NOT_FOUND: 404,
  MAIL_MESSAGE_NOT_FOUND: 404,
  MAILBOX_UNAVAILABLE: 502,
  INTERNAL_ERROR: 500,
};

export type FieldError = { path: string; code: string };

/** An error the API answers as such: stable code, localized message, optional field details. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldError[] = [],
  ) {
    super(code);
    this.name = 'ApiError';
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

export function errorBody(code: ErrorCode, fields: FieldError[] = []) {
  return { error: { code, message: errorMessages[code], ...(fields.length ? { fields } : {}) } };
}

/** zod issues → field errors; domain schemas put stable codes (e.g. INVALID_TAX_CODE) in the message. */
export function fieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((i) => ({
    path: i.path.join('.'),
    code: /^[A-Z][A-Z0-9_]+$/.test(i.message) ? i.message : i.code.toUpperCase(),
  }));
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new ApiError('NOT_FOUND'));

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  let apiError: ApiError;
  if (err instanceof ApiError) apiError = err;
  else if (err instanceof DomainError) apiError = new ApiError(err.code, err.fields);
  else if (err instanceof ZodError) apiError = new ApiError('VALIDATION_FAILED', fieldErrors(err));
  else if (isBodyParserError(err, 'entity.parse.failed')) apiError = new ApiError('MALFORMED_JSON');
  else if (isBodyParserError(err, 'entity.too.large')) apiError = new ApiError('PAYLOAD_TOO_LARGE');
  else {
    req.log?.error({ error: safeError(err) }, 'unhandled error');
    apiError = new ApiError('INTERNAL_ERROR');
  }
  res.status(apiError.status).json(errorBody(apiError.code, apiError.fields));
};

function isBodyParserError(err: unknown, type: string): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === type;
}
