/**
 * The LangChain adapter as its README's quick start wires it: `withOso(createAgent(…))` with a
 * checkpointer, the session being the run's `thread_id`, with LangChain's own scripted chat model
 * (`fakeModel` from `@langchain/core/testing`) playing the script.
 */
import type { Capability } from '@oso-agents/core';
import { withOso } from '@oso-agents/langchain';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { MemorySaver } from '@langchain/langgraph';
import { createAgent } from 'langchain';
import { INTEGRATION, type Driver, type ScriptStep } from '../scenario.js';

function scriptedModel(steps: readonly ScriptStep[]) {
  const model = fakeModel();
  steps.forEach((step, index) => {
    model.respond(
      new AIMessage({
        id: `reply-${index}`,
        content: step.text ?? '',
        tool_calls: (step.calls ?? []).map((call) => ({ id: call.id, name: call.tool, args: call.args, type: 'tool_call' as const })),
      }),
    );
  });
  return model;
}

function contentText(content: ToolMessage['content']): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

export const langchainDriver: Driver = {
  name: 'langchain (withOso(createAgent) + thread_id)',
  capturesMessages: true,
  async play({ scenario, oso, spy }) {
    const tools = scenario.tools.map((definition) =>
      tool(async (input: unknown) => spy.run(definition.name, input), {
        name: definition.name,
        description: definition.description,
        schema: definition.parameters,
      }),
    );
    const capabilities: Record<string, Capability[]> = {};
    for (const definition of scenario.tools) if (definition.override) capabilities[definition.name] = definition.capabilities;
    const agent = withOso(createAgent({ model: scriptedModel(scenario.steps), tools, checkpointer: new MemorySaver() }), {
      oso,
      integration: INTEGRATION,
      capabilities,
      // With a checkpointer the default is a LangGraph interrupt; the scenario's reviewer is the
      // engine's onApproval callback, which `approvals: 'callback'` selects.
      ...(scenario.approvalAnswer ? { approvals: 'callback' as const } : {}),
    });
    const result = await agent.invoke({ messages: [new HumanMessage(scenario.userMessage)] }, { configurable: { thread_id: scenario.sessionId } });
    const toldModel = new Map<string, string>();
    for (const message of result.messages) {
      if (ToolMessage.isInstance(message)) toldModel.set(message.tool_call_id, contentText(message.content));
    }
    const last = result.messages.at(-1);
    return { toldModel, finalText: last && AIMessage.isInstance(last) ? contentText(last.content) : undefined };
  },
};
