/**
 * The Vercel AI SDK adapter as its README's quick start wires it: `withOso(tools)`,
 * `toolApproval: osoToolApproval(…)` and `osoMiddleware` on the model, in a `generateText` tool
 * loop, with the SDK's own mock model (`ai/test`) playing the script. A chat keeps its messages
 * from turn to turn; an approval asked in the chat is answered the SDK's way (a
 * `tool-approval-response` in the next request, as `addToolApprovalResponse` sends it).
 */
import type { Capability } from '@oso-agents/core';
import { osoMiddleware, osoToolApproval, withOso } from '@oso-agents/ai-sdk';
import { generateText, isStepCount, streamText, tool, ToolLoopAgent, wrapLanguageModel, type ModelMessage, type Tool } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { INTEGRATION, allSteps, type Driver, type ScriptStep } from '../scenario.js';
import { answerApproval, pendingApproval } from './pending-approval.js';

const APPROVAL_SECRET = 'conformance-approval-secret-0123456789abcdef';

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** The SDK's mock model answering each call with the next step of the script, streamed or not. */
function scriptedModel(steps: readonly ScriptStep[]): MockLanguageModelV4 {
  let index = 0;
  const next = () => {
    const at = index++;
    const step = steps[at] ?? { text: '(the script has ended)' };
    const calls = step.calls ?? [];
    const finishReason = calls.length > 0 ? { unified: 'tool-calls' as const, raw: 'tool_calls' } : { unified: 'stop' as const, raw: 'stop' };
    return { at, step, calls, finishReason };
  };
  return new MockLanguageModelV4({
    doGenerate: async () => {
      const { at, step, calls, finishReason } = next();
      return {
        content: [
          ...(step.text ? [{ type: 'text' as const, text: step.text }] : []),
          ...calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.tool, input: JSON.stringify(call.args) })),
        ],
        finishReason,
        usage: USAGE,
        response: { id: `response-${at}`, modelId: 'scripted', timestamp: new Date(0) },
        warnings: [],
      };
    },
    doStream: async () => {
      const { at, step, calls, finishReason } = next();
      const middle = Math.ceil((step.text ?? '').length / 2);
      const parts = [
        { type: 'stream-start' as const, warnings: [] },
        { type: 'response-metadata' as const, id: `response-${at}`, modelId: 'scripted', timestamp: new Date(0) },
        ...(step.text
          ? [
              { type: 'text-start' as const, id: 'text-0' },
              // In two pieces, as a provider streams it.
              { type: 'text-delta' as const, id: 'text-0', delta: step.text.slice(0, middle) },
              { type: 'text-delta' as const, id: 'text-0', delta: step.text.slice(middle) },
              { type: 'text-end' as const, id: 'text-0' },
            ]
          : []),
        ...calls.flatMap((call) => [
          { type: 'tool-input-start' as const, id: call.id, toolName: call.tool },
          { type: 'tool-input-delta' as const, id: call.id, delta: JSON.stringify(call.args) },
          { type: 'tool-input-end' as const, id: call.id },
          { type: 'tool-call' as const, toolCallId: call.id, toolName: call.tool, input: JSON.stringify(call.args) },
        ]),
        { type: 'finish' as const, finishReason, usage: USAGE },
      ];
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  });
}

/** The tool results the model was given in its prompts, as text, by call id. */
function toolResultsSeenBy(model: MockLanguageModelV4): Map<string, string> {
  const seen = new Map<string, string>();
  for (const { prompt } of [...model.doGenerateCalls, ...model.doStreamCalls]) {
    for (const message of prompt) {
      if (message.role !== 'tool') continue;
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const output = part.output;
        const text =
          output.type === 'text' || output.type === 'error-text'
            ? output.value
            : output.type === 'execution-denied'
              ? (output.reason ?? '(denied)')
              : JSON.stringify(output.value);
        seen.set(part.toolCallId, text);
      }
    }
  }
  return seen;
}

/**
 * The quick start's wiring, in a `generateText` loop or a `streamText` loop (each stream read to its
 * end). `approvals: 'chat'` (default): the person answers in the chat. `approvals: 'engine'`: the
 * person answers in a review tool (`oso.resolveApproval`), and the chat's "approve" only makes the
 * SDK ask the hook again, which then reads the engine's answer.
 */
function aiSdkDriver(mode: 'generateText' | 'streamText' | 'ToolLoopAgent', approvals: 'chat' | 'engine' = 'chat'): Driver {
  return {
    name: `ai-sdk (${mode === 'ToolLoopAgent' ? 'ToolLoopAgent with signed approvals' : mode} + withOso + osoToolApproval${approvals === 'engine' ? " with approvals: 'engine'" : ''} + osoMiddleware)`,
    capturesMessages: true,
    screensOutput: true,
    // A person's "deny" in the chat never reaches a tool or the approval hook: the SDK itself answers
    // the call with `execution-denied` and the reason the chat sent (documented in the adapter's
    // README). The engine's request is still resolved as denied, and the call decided again. With
    // `approvals: 'engine'` the person answers outside the chat, and the hook tells the model.
    ...(approvals === 'chat' ? { refusalToldModel: 'reviewer_reason' as const } : {}),
    appliesTo: (scenario) =>
      approvals === 'chat' && scenario.reviewer?.mode === 'out_of_band' && scenario.reviewer.scope === 'session'
        ? "the SDK's tool-approval-response carries no scope: a chat approval is for one call"
        : true,
    async play({ scenario, oso, spy, review, metadata }) {
      const { sessionId } = scenario;
      const plain: Record<string, Tool> = {};
      const capabilities: Record<string, Capability[]> = {};
      for (const definition of scenario.tools) {
        plain[definition.name] = tool({
          description: definition.description,
          inputSchema: definition.parameters,
          execute: async (input: unknown) => spy.run(definition.name, input),
        });
        if (definition.override) capabilities[definition.name] = definition.capabilities;
      }
      const tools = withOso(plain, { oso, sessionId, metadata, integration: INTEGRATION, capabilities });
      const steps = allSteps(scenario);
      const model = scriptedModel(steps);
      // In a chat the person answering approvals is the chat's user, known up front: both the hook
      // (approvals) and the middleware (refusals, settled from the prompt) name them.
      const approver = scenario.reviewer?.mode === 'out_of_band' ? { approver: scenario.reviewer.by } : {};
      const wrapped = wrapLanguageModel({ model, middleware: osoMiddleware({ oso, sessionId, metadata, ...approver }) });
      const toolApproval = osoToolApproval({ oso, sessionId, metadata, approvals, ...approver });
      // The SDK's own defence in depth: approval requests signed, tampered answers refused.
      const agent =
        mode === 'ToolLoopAgent'
          ? new ToolLoopAgent({ model: wrapped, tools, toolApproval, stopWhen: isStepCount(steps.length + 2), experimental_toolApprovalSecret: APPROVAL_SECRET })
          : undefined;
      const messages: ModelMessage[] = [];
      const answers: Array<string | undefined> = [];
      for (const turn of scenario.turns) {
        messages.push({ role: 'user', content: turn.userMessage });
        for (;;) {
          const settings = { model: wrapped, tools, toolApproval, stopWhen: isStepCount(steps.length + 2), messages: [...messages] };
          let result: { content: Awaited<ReturnType<typeof generateText<typeof tools>>>['content']; messages: ModelMessage[]; text: string };
          if (agent) {
            const generated = await agent.generate({ messages: [...messages] });
            result = { content: generated.content, messages: generated.responseMessages, text: generated.text };
          } else if (mode === 'generateText') {
            const generated = await generateText(settings);
            result = { content: generated.content, messages: generated.responseMessages, text: generated.text };
          } else {
            const streamed = streamText(settings);
            for await (const _part of streamed.fullStream) {
              // Read to the end, as a chat route streaming to the browser does.
            }
            result = { content: await streamed.content, messages: await streamed.responseMessages, text: await streamed.text };
          }
          messages.push(...result.messages);
          // Requests the hook answered itself (allow or deny) are automatic; the rest wait for a person.
          const requests = result.content.flatMap((part) => (part.type === 'tool-approval-request' && !part.isAutomatic ? [part] : []));
          if (requests.length === 0) {
            answers.push(result.text);
            break;
          }
          // The chat shows each request; the person's answers go back in the next request.
          const responses = [];
          for (const request of requests) {
            const pending = await pendingApproval(oso, sessionId, request.toolCall.toolCallId);
            const answer = review(pending);
            if (approvals === 'engine') {
              // Answered in the review tool; the chat sends "approve" so the SDK asks the hook again.
              await answerApproval(oso, pending.id, answer);
              responses.push({ type: 'tool-approval-response' as const, approvalId: request.approvalId, approved: true });
            } else {
              responses.push({ type: 'tool-approval-response' as const, approvalId: request.approvalId, approved: answer.approved, reason: answer.reason });
            }
          }
          messages.push({ role: 'tool', content: responses });
        }
      }
      return { toldModel: toolResultsSeenBy(model), answers };
    },
  };
}

export const aiSdkDrivers = [aiSdkDriver('generateText'), aiSdkDriver('streamText'), aiSdkDriver('ToolLoopAgent'), aiSdkDriver('generateText', 'engine')];
