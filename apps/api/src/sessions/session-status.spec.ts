import { sessionOutcome } from './session-status';

describe('sessionOutcome', () => {
  it('is completed when nothing failed, even with no instances', () => {
    expect(sessionOutcome(3, 0)).toBe('completed');
    expect(sessionOutcome(0, 0)).toBe('completed');
  });
  it('is partial when some failed', () => expect(sessionOutcome(2, 1)).toBe('partial'));
  it('is failed when all failed', () => expect(sessionOutcome(0, 2)).toBe('failed'));
});
