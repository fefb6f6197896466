/**
 * The LangChain adapter as its README wires it into a `createAgent` agent with a checkpointer, the
 * session being the run's `thread_id`, with LangChain's own scripted chat model (`fakeModel` from
 * `@langchain/core/testing`) playing the script. An approval asked out of band is the adapter's
 * LangGraph interrupt, resumed with `Command({ resume })`.
 */
import type { Capability } from '@oso-agents/core';
import { isOsoApprovalInterrupt, OsoCallbackHandler, osoMiddleware, withOso } from '@oso-agents/langchain';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { Command, END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { createAgent } from 'langchain';
import { INTEGRATION, allSteps, type Driver, type DriverInput, type ScriptStep } from '../scenario.js';

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

type Wiring = 'withOso(createAgent)' | 'createAgent({ middleware: [osoMiddleware] })';

/** What one run of the agent left: the conversation's messages and a pending interrupt, if any. */
interface RunOutcome {
  messages: BaseMessage[];
  interrupt: unknown;
}

/**
 * The README's ways in: `withOso(createAgent(…))` or `osoMiddleware` among the agent's own
 * middleware, run with `invoke` or with `stream` (`streamMode: 'values'`, read to the end).
 */
function langchainDriver(wiring: Wiring, call: 'invoke' | 'stream'): Driver {
  return {
    name: `langchain (${wiring}, ${call})`,
    capturesMessages: true,
    // The middleware screens the model's reply before it enters the agent's state.
    screensOutput: true,
    async play({ scenario, oso, spy, review, metadata }) {
      const tools = scenario.tools.map((definition) =>
        tool(async (input: unknown) => spy.run(definition.name, input), {
          name: definition.name,
          description: definition.description,
          schema: definition.parameters,
        }),
      );
      const capabilities: Record<string, Capability[]> = {};
      for (const definition of scenario.tools) if (definition.override) capabilities[definition.name] = definition.capabilities;
      const options = {
        oso,
        metadata,
        integration: INTEGRATION,
        capabilities,
        // With a checkpointer the default is a LangGraph interrupt; a reviewer that is the engine's
        // onApproval callback needs `approvals: 'callback'`.
        ...(scenario.reviewer?.mode === 'callback' ? { approvals: 'callback' as const } : {}),
      };
      const model = scriptedModel(allSteps(scenario));
      const checkpointer = new MemorySaver();
      const agent =
        wiring === 'withOso(createAgent)'
          ? withOso(createAgent({ model, tools, checkpointer }), options)
          : // Alone in the list, the gate answers a failing tool the way LangChain does without middleware.
            createAgent({ model, tools, checkpointer, middleware: [osoMiddleware({ ...options, toolErrors: 'message' })] });
      // LangGraph's default recursion limit (25 graph steps) is below the loop scenario's length.
      const config = { configurable: { thread_id: scenario.sessionId }, recursionLimit: 100 };

      const runAgent = async (input: Parameters<typeof agent.invoke>[0]): Promise<RunOutcome> => {
        if (call === 'invoke') {
          const result = await agent.invoke(input, config);
          return { messages: result.messages, interrupt: result.__interrupt__?.[0]?.value };
        }
        let outcome: RunOutcome = { messages: [], interrupt: undefined };
        for await (const chunk of await agent.stream(input, { ...config, streamMode: 'values' })) {
          const state = chunk as { messages?: BaseMessage[]; __interrupt__?: Array<{ value?: unknown }> };
          if (state.messages) outcome = { ...outcome, messages: state.messages };
          if (state.__interrupt__) outcome = { ...outcome, interrupt: state.__interrupt__[0]?.value };
        }
        return outcome;
      };

      const toldModel = new Map<string, string>();
      const answers: Array<string | undefined> = [];
      for (const turn of scenario.turns) {
        let outcome = await runAgent({ messages: [new HumanMessage(turn.userMessage)] });
        while (outcome.interrupt !== undefined) {
          const interrupt = outcome.interrupt;
          if (!isOsoApprovalInterrupt(interrupt)) throw new Error(`Not an oso approval interrupt: ${JSON.stringify(interrupt)}`);
          // One interrupt covers every call of the turn that waits: one answer per request, in order.
          const answers = interrupt.approvals.map((request) => review(request));
          const resume =
            answers.length === 1
              ? answers[0]
              : { decisions: answers.map((answer) => (answer.approved ? { type: 'approve' } : { type: 'reject', message: answer.reason })) };
          outcome = await runAgent(new Command({ resume }));
        }
        for (const message of outcome.messages) {
          if (ToolMessage.isInstance(message)) toldModel.set(message.tool_call_id, contentText(message.content));
        }
        const last = outcome.messages.at(-1);
        answers.push(last && AIMessage.isInstance(last) ? contentText(last.content) : undefined);
      }
      return { toldModel, answers };
    },
  };
}

export const langchainDrivers = [
  langchainDriver('withOso(createAgent)', 'invoke'),
  langchainDriver('withOso(createAgent)', 'stream'),
  langchainDriver('createAgent({ middleware: [osoMiddleware] })', 'invoke'),
];

/**
 * The third way in: `withOso(tools)` inside a hand-built LangGraph graph (model node → the
 * prebuilt `ToolNode` → model node), with `OsoCallbackHandler` on the run for the conversation.
 * Wrapped tools never interrupt (README): a call waiting for a person is answered "waiting for
 * approval" and runs when the model calls it again, so the out-of-band scenarios, scripted as one
 * call resumed, do not apply.
 */
export const langchainToolsDriver: Driver = {
  name: 'langchain (withOso(tools) in a StateGraph with ToolNode, OsoCallbackHandler)',
  capturesMessages: true,
  // Known gap: wrapped tools and the callback handler gate and record, but nothing in a hand-built
  // graph screens the model's text (the middleware does, in createAgent agents).
  screensOutput: false,
  appliesTo: (scenario) =>
    scenario.reviewer?.mode === 'out_of_band' ? 'wrapped tools do not pause a run; the model calls again after the approval' : true,
  async play({ scenario, oso, spy, metadata }: DriverInput) {
    const capabilities: Record<string, Capability[]> = {};
    for (const definition of scenario.tools) if (definition.override) capabilities[definition.name] = definition.capabilities;
    const plain = scenario.tools.map((definition) =>
      tool(async (input: unknown) => spy.run(definition.name, input), {
        name: definition.name,
        description: definition.description,
        schema: definition.parameters,
      }),
    );
    const options = { oso, metadata, integration: INTEGRATION, capabilities };
    const tools = withOso(plain, options);
    const model = scriptedModel(allSteps(scenario)).bindTools(tools);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode(tools))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', toolsCondition, ['tools', END])
      .addEdge('tools', 'agent')
      .compile({ checkpointer: new MemorySaver() });
    const config = {
      configurable: { thread_id: scenario.sessionId },
      recursionLimit: 100,
      callbacks: [new OsoCallbackHandler(options)],
    };
    const toldModel = new Map<string, string>();
    const answers: Array<string | undefined> = [];
    for (const turn of scenario.turns) {
      const result = await graph.invoke({ messages: [new HumanMessage(turn.userMessage)] }, config);
      for (const message of result.messages) {
        if (ToolMessage.isInstance(message)) toldModel.set(message.tool_call_id, contentText(message.content));
      }
      const last = result.messages.at(-1);
      answers.push(last && AIMessage.isInstance(last) ? contentText(last.content) : undefined);
    }
    return { toldModel, answers };
  },
};
