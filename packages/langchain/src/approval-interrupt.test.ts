import { describe, expect, it } from 'vitest';
import { answersFromResume, isOsoApprovalInterrupt } from './approval-interrupt.js';

describe('answersFromResume', () => {
  it('gives one { approved, by } answer to every pending request', () => {
    expect(answersFromResume({ approved: true, by: 'alice', scope: 'session' }, 2)).toEqual([
      { approved: true, by: 'alice', scope: 'session' },
      { approved: true, by: 'alice', scope: 'session' },
    ]);
  });

  it('maps LangChain HITL decisions in order, a reject message becoming the reason', () => {
    expect(answersFromResume({ decisions: [{ type: 'approve' }, { type: 'reject', message: 'no' }] }, 2)).toEqual([
      { approved: true },
      { approved: false, reason: 'no' },
    ]);
  });

  it('refuses what it does not understand: an edit, a missing decision, a malformed value', () => {
    const [edit, missing] = answersFromResume({ decisions: [{ type: 'edit', editedAction: { name: 'x', args: {} } }] }, 2);
    expect(edit).toMatchObject({ approved: false, reason: expect.stringContaining('"edit" is not supported') });
    expect(missing).toMatchObject({ approved: false });
    expect(answersFromResume('yes', 1)).toEqual([{ approved: false, reason: 'the resume value was not an approval answer' }]);
    expect(answersFromResume({ approved: 'true' }, 1)[0]?.approved).toBe(false);
  });

  it('recognises its own interrupt value and not LangChain HITL requests', () => {
    expect(isOsoApprovalInterrupt({ source: 'oso-agents', approvals: [], actionRequests: [], reviewConfigs: [] })).toBe(true);
    expect(isOsoApprovalInterrupt({ actionRequests: [], reviewConfigs: [] })).toBe(false);
  });
});
