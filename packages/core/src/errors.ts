import type { ApprovalRequest } from './approval.js';
import type { Decision } from './decision.js';

/** Stable machine-readable codes of every error the library throws. */
export type OsoErrorCode =
  | 'invalid_input'
  | 'tool_denied'
  | 'approval_required'
  | 'approval_error'
  | 'store_unavailable';

const MARKER = Symbol.for('oso-agents.error');

/**
 * Base class of every error oso-agents throws. `code` is stable across versions;
 * `isInstance` works even when two copies of the package are installed.
 */
export class OsoError extends Error {
  readonly code: OsoErrorCode;
  readonly [MARKER] = true;

  constructor(options: { code: OsoErrorCode; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
  }

  static isInstance(value: unknown): value is OsoError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Where validation failed: the path of the field and what was wrong with it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** An event, call, option or tool definition did not match its schema. Nothing was changed. */
export class OsoValidationError extends OsoError {
  readonly issues: readonly ValidationIssue[];

  constructor(options: { what: string; issues: ValidationIssue[]; cause?: unknown }) {
    const first = options.issues[0];
    const where = first ? ` at "${first.path || '(root)'}": ${first.message}` : '';
    const more = options.issues.length > 1 ? ` (and ${options.issues.length - 1} more)` : '';
    super({ code: 'invalid_input', message: `Invalid ${options.what}${where}${more}`, cause: options.cause });
    this.issues = options.issues;
  }

  static override isInstance(value: unknown): value is OsoValidationError {
    return OsoError.isInstance(value) && value.code === 'invalid_input';
  }
}

/**
 * The security policy blocked a tool call; the tool did not run. `message` is safe to show the
 * model: it says what was blocked and why, never the policy's internals or a stack trace.
 */
export class ToolDeniedError extends OsoError {
  readonly decision: Decision;

  constructor(options: { decision: Decision; cause?: unknown }) {
    super({ code: 'tool_denied', message: safeDenialMessage(options.decision), cause: options.cause });
    this.decision = options.decision;
  }

  static override isInstance(value: unknown): value is ToolDeniedError {
    return OsoError.isInstance(value) && value.code === 'tool_denied';
  }
}

/**
 * The call needs a human's approval and no `onApproval` callback is configured. `approval` is the
 * persisted request: show it to a person, then call `oso.resolveApproval(approval.id, …)` and retry
 * the same call (same tool, same arguments).
 */
export class ApprovalRequiredError extends OsoError {
  readonly approval: ApprovalRequest;
  readonly decision: Decision;

  constructor(options: { decision: Decision & { approval: ApprovalRequest }; cause?: unknown }) {
    super({
      code: 'approval_required',
      message: `The action "${options.decision.tool}" is waiting for a person's approval: ${options.decision.reason}`,
      cause: options.cause,
    });
    this.approval = options.decision.approval;
    this.decision = options.decision;
  }

  static override isInstance(value: unknown): value is ApprovalRequiredError {
    return OsoError.isInstance(value) && value.code === 'approval_required';
  }
}

/** Why an approval could not be resolved. */
export type ApprovalErrorReason = 'not_found' | 'already_resolved' | 'expired';

/** `resolveApproval` was called for an unknown, already answered or expired request. */
export class ApprovalError extends OsoError {
  readonly reason: ApprovalErrorReason;
  readonly approvalId: string;

  constructor(options: { reason: ApprovalErrorReason; approvalId: string; cause?: unknown }) {
    const text = {
      not_found: 'no such approval request',
      already_resolved: 'the approval request was already answered',
      expired: 'the approval request has expired',
    }[options.reason];
    super({ code: 'approval_error', message: `Approval ${options.approvalId}: ${text}`, cause: options.cause });
    this.reason = options.reason;
    this.approvalId = options.approvalId;
  }

  static override isInstance(value: unknown): value is ApprovalError {
    return OsoError.isInstance(value) && value.code === 'approval_error';
  }
}

/** The session store failed or timed out. The engine treats it as a denial unless configured otherwise. */
export class StoreUnavailableError extends OsoError {
  constructor(options: { message: string; cause?: unknown }) {
    super({ code: 'store_unavailable', message: options.message, cause: options.cause });
  }

  static override isInstance(value: unknown): value is StoreUnavailableError {
    return OsoError.isInstance(value) && value.code === 'store_unavailable';
  }
}

/** The sentence a model sees when its call is blocked. */
export function safeDenialMessage(decision: Pick<Decision, 'tool' | 'reason'>): string {
  const reason = decision.reason.trim();
  // A reviewer's own words may end without a full stop; the next sentence must not run on.
  const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
  return `The action "${decision.tool}" was blocked by the security policy: ${sentence} Ask the user to confirm or do it another way.`;
}
