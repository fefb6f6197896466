import { ToolDeniedError, type Oso, type SessionMetadata, type ToolCallInput } from '@oso-agents/core';

/** What a guarded execute needs to know about its tool and session. */
export interface GuardContext {
  oso: Oso;
  sessionId: string;
  metadata?: SessionMetadata;
  /** The engine's name of the tool. */
  fullName: string;
  /** Resolves once the tool is registered with the engine. */
  register: () => Promise<void>;
}

type Execute = (input: never, options: { toolCallId: string }) => unknown;

/**
 * Wraps a tool's `execute` so that it runs only when the engine allows the call: deny → a
 * `ToolDeniedError` whose message is safe for the model (the SDK turns it into a tool error and
 * the loop goes on); require_approval → the engine's `onApproval` is awaited, or, without one,
 * `ApprovalRequiredError` (the request is persisted; resolve it and retry the same call). The
 * output, or the tool's own error, is recorded. An async generator `execute` (streaming results)
 * stays one: its last value is recorded as the output.
 */
export function guardExecute<EXECUTE extends Execute>(execute: EXECUTE, context: GuardContext): EXECUTE {
  const isGenerator = Object.prototype.toString.call(execute) === '[object AsyncGeneratorFunction]';
  if (isGenerator) {
    async function* guardedGenerator(this: unknown, input: never, options: { toolCallId: string }) {
      const { session, call } = await authorizeOrThrow(context, options.toolCallId, input);
      let last: unknown;
      try {
        for await (const value of execute.call(this, input, options) as AsyncIterable<unknown>) {
          last = value;
          yield value;
        }
      } catch (error) {
        await recordQuietly(context, () => session.record({ ...response(call), error: messageOf(error) }));
        throw error;
      }
      await recordQuietly(context, () => session.record({ ...response(call), output: last }));
    }
    return guardedGenerator as unknown as EXECUTE;
  }
  async function guarded(this: unknown, input: never, options: { toolCallId: string }) {
    const { session, call } = await authorizeOrThrow(context, options.toolCallId, input);
    let output: unknown;
    try {
      output = await execute.call(this, input, options);
    } catch (error) {
      await recordQuietly(context, () => session.record({ ...response(call), error: messageOf(error) }));
      throw error;
    }
    await recordQuietly(context, () => session.record({ ...response(call), output }));
    return output;
  }
  return guarded as unknown as EXECUTE;
}

async function authorizeOrThrow(context: GuardContext, toolCallId: string, input: unknown) {
  await context.register();
  const session = context.oso.session(context.sessionId, context.metadata);
  const call: ToolCallInput = { toolCallId, tool: context.fullName, args: input };
  const decision = await session.awaitApproval(await session.authorize(call), call);
  if (decision.outcome !== 'allow') throw new ToolDeniedError({ decision });
  return { session, call };
}

function response(call: ToolCallInput) {
  return { type: 'tool_call_response' as const, toolCallId: call.toolCallId, tool: call.tool };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function recordQuietly(context: GuardContext, record: () => Promise<void>): Promise<void> {
  try {
    await record();
  } catch (error) {
    // Capture is a side channel: the tool already ran, and a failure here must not change that.
    context.oso.options.onError?.(error);
  }
}
