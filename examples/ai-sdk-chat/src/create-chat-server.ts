import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { osoMiddleware, osoToolApproval, withOso } from '@oso-agents/ai-sdk';
import { createOso, type Oso } from '@oso-agents/core';
import {
  convertToModelMessages,
  isStepCount,
  streamText,
  validateUIMessages,
  wrapLanguageModel,
} from 'ai';
import { createMailbox, createMailTools, type Mailbox } from './mail-tools.js';

/** A model instance (a provider's model or the scripted one). */
export type ChatModel = Parameters<typeof wrapLanguageModel>[0]['model'];

export interface ChatServerOptions {
  /** The model: the offline scripted one or a provider's. */
  model: ChatModel;
  /** The engine; default a development agent (violations ask a person). */
  oso?: Oso;
  mailbox?: Mailbox;
}

export interface ChatServer {
  server: Server;
  oso: Oso;
  mailbox: Mailbox;
}

const PUBLIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
};
const PUBLIC_DIRECTORY = fileURLToPath(new URL('../public/', import.meta.url));

const INSTRUCTIONS =
  'You are a mail assistant. Use the tools to read the inbox and files and to send email. ' +
  'When a tool call is denied or not approved, do not retry it: tell the user what happened.';

/**
 * The chat server: `POST /api/chat` takes `useChat`'s request body (`{ id, messages }`) and answers
 * with the AI SDK UI message stream; `/` serves the page. The only oso-agents lines are the three
 * marked below.
 */
export function createChatServer(options: ChatServerOptions): ChatServer {
  const oso = options.oso ?? createOso({ agentId: 'mail-assistant', environment: 'development' });
  const mailbox = options.mailbox ?? createMailbox();

  async function chat(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = JSON.parse(await readBody(request)) as { id?: unknown; messages?: unknown };
    const sessionId = typeof body.id === 'string' && body.id.length > 0 ? body.id : randomUUID();
    const tools = createMailTools(mailbox);
    const messages = await validateUIMessages({ messages: body.messages, tools });

    const result = streamText({
      model: wrapLanguageModel({ model: options.model, middleware: osoMiddleware({ oso, sessionId }) }), // oso: capture
      tools: withOso(tools, { oso, sessionId, integration: 'mail' }), // oso: gate every tool call
      toolApproval: osoToolApproval({ oso, sessionId }), // oso: native approvals
      instructions: INSTRUCTIONS,
      stopWhen: isStepCount(8),
      messages: await convertToModelMessages(messages, { tools }),
    });
    await result.pipeUIMessageStreamToResponse(response, {
      originalMessages: messages,
      onError: (error) => (error instanceof Error ? error.message : 'Something went wrong.'),
    });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'POST' && url.pathname === '/api/chat') {
      chat(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(error instanceof Error ? error.message : 'Bad request');
      });
      return;
    }
    const publicFile = request.method === 'GET' ? PUBLIC_FILES[url.pathname] : undefined;
    if (!publicFile) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    readFile(new URL(publicFile.file, `file://${PUBLIC_DIRECTORY}`)).then(
      (content) => response.writeHead(200, { 'content-type': publicFile.type, 'cache-control': 'no-store' }).end(content),
      () => response.writeHead(500).end(),
    );
  });
  return { server, oso, mailbox };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new Error('Request body too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
