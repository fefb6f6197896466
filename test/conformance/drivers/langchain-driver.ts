/**
 * The LangChain adapter as its README's quick start wires it: `withOso(createAgent(…))` with a
 * checkpointer, the session being the run's `thread_id`, with LangChain's own scripted chat model
 * (`fakeModel` from `@langchain/core/testing`) playing the script. An approval asked out of band
 * is the adapter's LangGraph interrupt, resumed with `Command({ resume })`.
 */
import type { Capability } from '@oso-agents/core';
import { isOsoApprovalInterrupt, withOso } from '@oso-agents/langchain';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { Command, MemorySaver } from '@langchain/langgraph';
import { createAgent } from 'langchain';
import { INTEGRATION, allSteps, type Driver, type ScriptStep } from '../scenario.js';

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

function contentText(content: BaseMessage['content']): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

export const langchainDriver: Driver = {
  name: 'langchain (withOso(createAgent) + thread_id)',
  capturesMessages: true,
  async play({ scenario, oso, spy, review }) {
    const tools = scenario.tools.map((definition) =>
      tool(async (input: unknown) => spy.run(definition.name, input), {
        name: definition.name,
        description: definition.description,
        schema: definition.parameters,
      }),
    );
    const capabilities: Record<string, Capability[]> = {};
    for (const definition of scenario.tools) if (definition.override) capabilities[definition.name] = definition.capabilities;
    const agent = withOso(createAgent({ model: scriptedModel(allSteps(scenario)), tools, checkpointer: new MemorySaver() }), {
      oso,
      integration: INTEGRATION,
      capabilities,
      // With a checkpointer the default is a LangGraph interrupt; a reviewer that is the engine's
      // onApproval callback needs `approvals: 'callback'`.
      ...(scenario.reviewer?.mode === 'callback' ? { approvals: 'callback' as const } : {}),
    });
    const config = { configurable: { thread_id: scenario.sessionId } };
    const toldModel = new Map<string, string>();
    const answers: Array<string | undefined> = [];
    for (const turn of scenario.turns) {
      let result = await agent.invoke({ messages: [new HumanMessage(turn.userMessage)] }, config);
      for (let interrupt = result.__interrupt__?.[0]?.value; interrupt !== undefined; interrupt = result.__interrupt__?.[0]?.value) {
        if (!isOsoApprovalInterrupt(interrupt)) throw new Error(`Not an oso approval interrupt: ${JSON.stringify(interrupt)}`);
        const [request, ...others] = interrupt.approvals;
        if (!request || others.length > 0) throw new Error('The scenarios pause one call at a time');
        const answer = review(request);
        result = await agent.invoke(new Command({ resume: answer }), config);
      }
      for (const message of result.messages) {
        if (ToolMessage.isInstance(message)) toldModel.set(message.tool_call_id, contentText(message.content));
      }
      const last = result.messages.at(-1);
      answers.push(last && AIMessage.isInstance(last) ? contentText(last.content) : undefined);
    }
    return { toldModel, answers };
  },
};
