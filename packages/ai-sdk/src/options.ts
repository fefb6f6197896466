import type { Capability, Oso, SessionMetadata } from '@oso-agents/core';

/** What every function of this adapter needs: the engine and the conversation. */
export interface OsoSessionOptions {
  /** The engine from `createOso`. */
  oso: Oso;
  /** The conversation's id (e.g. `useChat`'s chat id); exposures and timelines are kept per session. */
  sessionId: string;
  /** Who the session acts for (user id, e-mail, IP, scopes), kept on every event of the session. */
  metadata?: SessionMetadata;
}

/** Options of `withOso`. */
export interface WithOsoOptions<TOOLS> extends OsoSessionOptions {
  /** Names the tools in the engine: `mail` + `sendEmail` → `mail.sendEmail`. */
  integration: string;
  /**
   * Manual override of a tool's buckets, by tool name; wins over the classifier. Tools registered
   * earlier with `oso.registerTools` keep their own override when this names none.
   */
  capabilities?: { [NAME in keyof TOOLS]?: Capability[] };
}

/** Options of `osoToolApproval`. */
export interface OsoToolApprovalOptions extends OsoSessionOptions {
  /**
   * Names tools that did not come through `withOso` (those keep the name `withOso` gave them):
   * they are registered under this integration on first use. Without it such a tool is unknown
   * to the engine, and its `unknownTools` policy applies (deny by default).
   */
  integration?: string;
  /** Manual override of a tool's buckets, by tool name (tools not wrapped by `withOso`). */
  capabilities?: Record<string, Capability[]>;
  /**
   * Who answers approvals in the chat, kept in the timeline. Default: the session user's e-mail or
   * id from `metadata`, else `chat user`.
   */
  approver?: string;
  /**
   * Where a person's approval comes from.
   * - `chat` (default): an approval response sent back by the chat UI (`addToolApprovalResponse`)
   *   resolves the engine's own pending request for that exact call (same call id, tool and
   *   arguments). Anything else in the client's history is not honoured.
   * - `engine`: only answers given through `oso.resolveApproval` (a review tool) count; the chat's
   *   approval response only makes the SDK ask again.
   */
  approvals?: 'chat' | 'engine';
}

/** Options of `osoMiddleware`. */
export interface OsoMiddlewareOptions extends OsoSessionOptions {
  /**
   * Names the tool calls the model makes, as the engine knows them. Default: the name `withOso`
   * gave the tool, else the model's name unchanged.
   */
  integration?: string;
  /** Who denied an approval in the chat, kept in the timeline (see `OsoToolApprovalOptions.approver`). */
  approver?: string;
}

/** The approver's name for the timeline. */
export function approverOf(options: { approver?: string; metadata?: SessionMetadata }): string {
  const user = options.metadata?.user;
  return options.approver ?? user?.email ?? user?.id ?? 'chat user';
}
