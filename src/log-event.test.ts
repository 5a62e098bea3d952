import { describe, expect, it, vi } from 'vitest';
import { logEvent } from './log-event.ts';

describe('logEvent', () => {
  it('writes one JSON object per event, failures to the error stream', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    logEvent('publish', { dataset: 'd', rows: 2 });
    logEvent('purge.failed', { dataset: 'd', message: 'no' }, 'error');
    expect(log.mock.calls).toEqual([['{"event":"publish","dataset":"d","rows":2}']]);
    expect(error.mock.calls).toEqual([['{"event":"purge.failed","dataset":"d","message":"no"}']]);
    log.mockRestore();
    error.mockRestore();
  });
});
