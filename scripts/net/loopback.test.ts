import { describe, expect, it } from 'vitest';
import { isLoopback } from './loopback.ts';

describe('isLoopback', () => {
  it.each(['http://127.0.0.1:8790', 'http://localhost', 'http://LOCALHOST:1/x', 'https://[::1]:8443/'])(
    '%s is this machine',
    (url) => {
      expect(isLoopback(url)).toBe(true);
      expect(isLoopback(new URL(url))).toBe(true);
    },
  );

  it.each([
    'https://assay.example',
    'http://127.0.0.1.example',
    'http://localhost.example:8787',
    'http://10.0.0.1',
    'not a url',
  ])('%s is not', (url) => {
    expect(isLoopback(url)).toBe(false);
  });
});
