/**
 * The reference driver: the bare core, as an app without a framework uses it. The tools are
 * registered with `oso.registerTools`, and each call of a step goes through `session.run`, all the
 * calls of a step at once (the engine, not the driver, serialises their decisions).
 */
import { ToolDeniedError, type ToolDefinition } from '@oso-agents/core';
import { z } from 'zod';
import { INTEGRATION, type Driver } from '../scenario.js';

export const coreDriver: Driver = {
  name: 'core (session.run)',
  capturesMessages: false,
  async play({ scenario, oso, spy }) {
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
    const session = oso.session(scenario.sessionId);
    const toldModel = new Map<string, string>();
    let finalText: string | undefined;
    for (const step of scenario.steps) {
      if (step.text !== undefined) finalText = step.text;
      await Promise.all(
        (step.calls ?? []).map(async (call) => {
          try {
            const output = await session.run({ toolCallId: call.id, tool: `${INTEGRATION}.${call.tool}`, args: call.args }, (args) =>
              spy.run(call.tool, args),
            );
            toldModel.set(call.id, output);
          } catch (error) {
            // What an app's loop hands the model: the safe message of a denial.
            if (!ToolDeniedError.isInstance(error)) throw error;
            toldModel.set(call.id, error.message);
          }
        }),
      );
    }
    return { toldModel, finalText };
  },
};
