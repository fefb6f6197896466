// Type tests: checked by `tsc -p tsconfig.check.json` (not run by vitest).
import { createOso, type ApprovalRequest } from '@oso-agents/core';
import { tool, type FunctionTool } from '@openai/agents';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionToolMessageParam } from 'openai/resources/chat/completions';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { osoAgentTools } from './agents/oso-agent-tools.js';
import { osoTools } from './oso-tools.js';
import { withOso } from './with-oso.js';

const oso = createOso({ agentId: 'types', environment: 'production' });

// withOso keeps the client's own type, subclasses included.
expectTypeOf(withOso(new OpenAI({ apiKey: 'k' }), { oso, sessionId: 's' })).toEqualTypeOf<OpenAI>();
expectTypeOf(withOso(new AzureOpenAI({ apiKey: 'k', apiVersion: 'v', endpoint: 'https://x' }), { oso, sessionId: 's' })).toEqualTypeOf<AzureOpenAI>();

// execute's arguments come from a zod schema; a JSON Schema gives a plain record.
const tools = osoTools({
  oso,
  sessionId: 's',
  tools: {
    send: {
      parameters: z.object({ to: z.string(), cc: z.array(z.string()).optional() }),
      execute: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ to: string; cc?: string[] | undefined }>();
        return args.to;
      },
    },
    lookup: {
      parameters: { type: 'object', properties: { id: { type: 'string' } } },
      execute: (args) => {
        expectTypeOf(args).toEqualTypeOf<Record<string, unknown>>();
        return null;
      },
    },
  },
});

// The answers are tool messages with the pending requests beside them.
declare const calls: OpenAI.ChatCompletionMessageToolCall[] | undefined;
const answers = await tools.handle(calls);
expectTypeOf(answers).toExtend<ChatCompletionToolMessageParam[]>();
expectTypeOf(answers.pending).toEqualTypeOf<ApprovalRequest[]>();

// osoAgentTools returns the SDK's own tool types.
const sendEmail = tool({ name: 'send_email', description: 'Send', parameters: z.object({ to: z.string() }), execute: ({ to }) => to });
const gated = osoAgentTools([sendEmail], { oso, sessionId: 's' });
expectTypeOf(gated).toEqualTypeOf<(typeof sendEmail)[]>();
expectTypeOf(gated[0]!).toExtend<FunctionTool<unknown, typeof sendEmail extends FunctionTool<unknown, infer P> ? P : never, string>>();
