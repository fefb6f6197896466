// A small chat client for the AI SDK UI message stream protocol (what `useChat` speaks), written by
// hand so the example needs no bundler: it keeps UI messages, sends them to /api/chat, applies the
// streamed chunks, and renders tool approval requests as cards with Approve / Deny.

const chatId = crypto.randomUUID();
/** @type {Array<{ id: string, role: 'user' | 'assistant', parts: any[] }>} */
const messages = [];
let busy = false;
let lastError = '';

const list = document.getElementById('messages');
const form = document.getElementById('composer');
const input = document.getElementById('prompt');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text || busy) return;
  input.value = '';
  messages.push({ id: crypto.randomUUID(), role: 'user', parts: [{ type: 'text', text }] });
  void send();
});

async function send() {
  busy = true;
  lastError = '';
  render();
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: chatId, messages }),
    });
    if (!response.ok || !response.body) throw new Error(await response.text());
    for await (const chunk of readChunks(response.body)) apply(chunk);
  } catch (error) {
    lastError = error instanceof Error ? error.message : String(error);
  } finally {
    busy = false;
    render();
  }
}

/** Server-sent events: `data: <json>` lines, ending with `data: [DONE]`. */
async function* readChunks(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data === '[DONE]') return;
        yield JSON.parse(data);
      }
    }
  }
}

function currentAssistant() {
  const last = messages.at(-1);
  if (last?.role === 'assistant') return last;
  const message = { id: crypto.randomUUID(), role: 'assistant', parts: [] };
  messages.push(message);
  return message;
}

const openTexts = new Map();

function toolPart(message, toolCallId) {
  return message.parts.find((part) => part.toolCallId === toolCallId);
}

/** Applies one UI message stream chunk to the conversation. */
function apply(chunk) {
  const message = currentAssistant();
  switch (chunk.type) {
    case 'start':
      if (chunk.messageId) message.id = chunk.messageId;
      break;
    case 'start-step':
      message.parts.push({ type: 'step-start' });
      break;
    case 'text-start': {
      const part = { type: 'text', text: '', state: 'streaming' };
      openTexts.set(chunk.id, part);
      message.parts.push(part);
      break;
    }
    case 'text-delta':
      openTexts.get(chunk.id).text += chunk.delta;
      break;
    case 'text-end':
      openTexts.get(chunk.id).state = 'done';
      openTexts.delete(chunk.id);
      break;
    case 'tool-input-start':
      message.parts.push({ type: `tool-${chunk.toolName}`, toolCallId: chunk.toolCallId, state: 'input-streaming', input: undefined });
      break;
    case 'tool-input-available': {
      let part = toolPart(message, chunk.toolCallId);
      if (!part) message.parts.push((part = { type: `tool-${chunk.toolName}`, toolCallId: chunk.toolCallId }));
      Object.assign(part, { state: 'input-available', input: chunk.input });
      break;
    }
    case 'tool-approval-request': {
      const part = toolPart(message, chunk.toolCallId);
      part.state = 'approval-requested';
      part.approval = {
        id: chunk.approvalId,
        ...(chunk.reason != null ? { requestReason: chunk.reason } : {}),
        ...(chunk.isAutomatic === true ? { isAutomatic: true } : {}),
        ...(chunk.signature != null ? { signature: chunk.signature } : {}),
      };
      break;
    }
    case 'tool-approval-response': {
      const part = message.parts.find((candidate) => candidate.approval?.id === chunk.approvalId);
      part.state = 'approval-responded';
      part.approval = { ...part.approval, approved: chunk.approved, ...(chunk.reason != null ? { reason: chunk.reason } : {}) };
      break;
    }
    case 'tool-output-denied':
      toolPart(message, chunk.toolCallId).state = 'output-denied';
      break;
    case 'tool-output-available':
      Object.assign(toolPart(message, chunk.toolCallId), { state: 'output-available', output: chunk.output });
      break;
    case 'tool-output-error':
      Object.assign(toolPart(message, chunk.toolCallId), { state: 'output-error', errorText: chunk.errorText });
      break;
    case 'error':
      lastError = chunk.errorText;
      break;
  }
  render();
}

/** A person answered an approval card: record it like `addToolApprovalResponse` and continue. */
function answer(part, approved) {
  part.state = 'approval-responded';
  part.approval = { ...part.approval, approved, reason: approved ? 'Approved in the chat.' : 'Denied in the chat.' };
  const last = messages.at(-1);
  const waiting = last.parts.some((candidate) => candidate.state === 'approval-requested' && !candidate.approval?.isAutomatic);
  render();
  if (!waiting) void send();
}

function render() {
  list.replaceChildren(...messages.map(renderMessage));
  if (lastError) list.append(element('p', { className: 'error', textContent: lastError }));
  if (busy) list.append(element('p', { className: 'hint', textContent: '…' }));
}

function renderMessage(message) {
  const box = element('div', { className: `message ${message.role}` });
  box.dataset.role = message.role;
  for (const part of message.parts) {
    if (part.type === 'text') box.append(element('div', { className: 'text', textContent: part.text }));
    else if (part.type.startsWith('tool-')) box.append(renderTool(part));
  }
  return box;
}

function renderTool(part) {
  const name = part.type.slice('tool-'.length);
  if (part.state === 'approval-requested' && !part.approval.isAutomatic) {
    const card = element('div', { className: 'approval-card' });
    card.dataset.testid = 'approval-card';
    card.append(
      element('h2', { textContent: `Approve ${name}?` }),
      element('pre', { className: 'arguments', textContent: JSON.stringify(part.input, null, 2) }),
      element('p', { className: 'reason', textContent: part.approval.requestReason ?? 'This action needs your approval.' }),
      element('button', { className: 'approve', type: 'button', textContent: 'Approve', onclick: () => answer(part, true) }),
      element('button', { className: 'deny', type: 'button', textContent: 'Deny', onclick: () => answer(part, false) }),
    );
    return card;
  }
  const labels = {
    'input-streaming': '…',
    'input-available': 'running',
    'approval-responded': part.approval?.approved ? 'approved' : 'denied',
    'output-available': 'done',
    'output-error': `failed: ${part.errorText}`,
    'output-denied': `denied${part.approval?.reason ? `: ${part.approval.reason}` : ''}`,
  };
  const denied = part.state === 'output-denied' || (part.state === 'approval-responded' && !part.approval?.approved);
  return element('div', { className: `tool${denied ? ' denied' : ''}`, textContent: `${name}: ${labels[part.state] ?? part.state}` });
}

function element(tag, properties) {
  return Object.assign(document.createElement(tag), properties);
}
