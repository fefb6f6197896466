/**
 * The reference driver: the bare core, as an app without a framework uses it. The tools are
 * registered with `oso.registerTools`, the conversation is recorded with `session.record` (the
 * model's text screened first), and each call of a step goes through `session.run`, all the
 * calls of a step at once (the engine, not the driver, serialises their decisions). A call that
 * waits for a person (`ApprovalRequiredError`, no `onApproval`) is answered with
 * `oso.resolveApproval` and run again.
 */
import { ApprovalRequiredError, ToolDeniedError, type OsoSession, type ToolCallInput, type ToolDefinition } from '@oso-agents/core';
import { z } from 'zod';
import { INTEGRATION, type Driver, type DriverInput } from '../scenario.js';
import { answerApproval } from './pending-approval.js';

async function runCall(session: OsoSession, call: ToolCallInput, execute: (args: unknown) => string, input: DriverInput): Promise<string> {
  try {
    return await session.run(call, execute);
  } catch (error) {
    // What an app's loop hands the model: the safe message of a denial.
    if (ToolDeniedError.isInstance(error)) return error.message;
    // The tool itself failed (session.run recorded the error): the model reads what went wrong.
    if (!ApprovalRequiredError.isInstance(error)) return `The tool failed: ${error instanceof Error ? error.message : String(error)}`;
    await answerApproval(input.oso, error.approval.id, input.review(error.approval));
    return runCall(session, call, execute, input);
  }
}

export const coreDriver: Driver = {
  name: 'core (session.run)',
  capturesMessages: true,
  screensOutput: true,
  async play(input) {
    const { scenario, oso, spy } = input;
    oso.registerTools(
      INTEGRATION,
      scenario.tools.map(
        (tool): ToolDefinition => ({
          name: tool.name,
          description: tool.description,
          inputSchema: z.toJSONSchema(tool.parameters) as ToolDefinition['inputSchema'],
          ...(tool.override ? { capabilities: tool.capabilities } : {}),
        }),
      ),
    );
    const session = oso.session(scenario.sessionId, input.metadata);
    const toldModel = new Map<string, string>();
    const answers: Array<string | undefined> = [];
    for (const [turnIndex, turn] of scenario.turns.entries()) {
      // An app on the bare core records the conversation itself (`session.record`).
      await session.record({ type: 'message_from_user', content: turn.userMessage, messageId: `user-${turnIndex}` });
      let answer: string | undefined;
      for (const step of turn.steps) {
        // What an app shows the user: the model's text screened for output exfiltration.
        if (step.text !== undefined) {
          answer = (await session.screenMessage(step.text)).content;
          await session.record({ type: 'message_to_user', content: answer });
        }
        await Promise.all(
          (step.calls ?? []).map(async (call) => {
            const told = await runCall(
              session,
              { toolCallId: call.id, tool: `${INTEGRATION}.${call.tool}`, args: call.args },
              (args) => spy.run(call.tool, args),
              input,
            );
            toldModel.set(call.id, told);
          }),
        );
      }
      answers.push(answer);
    }
    return { toldModel, answers };
  },
};
