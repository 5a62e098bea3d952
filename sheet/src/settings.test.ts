import { describe, expect, it } from 'vitest';
import { maskedToken, publishToken, workerUrl } from './settings.ts';

describe('workerUrl', () => {
  it('takes an https address, without its trailing slash', () => {
    expect(workerUrl(' https://assay.example.workers.dev/ ')).toBe('https://assay.example.workers.dev');
    expect(workerUrl('https://data.example.org/assay')).toBe('https://data.example.org/assay');
  });

  it('takes plain http only for this machine', () => {
    expect(workerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(workerUrl('http://assay.example.org')).toHaveProperty('error');
    expect(workerUrl('assay.example.org')).toHaveProperty('error');
    expect(workerUrl('https://assay.example.org/?token=x')).toHaveProperty('error');
  });
});

describe('publishToken', () => {
  it('keeps the token part of a label:token pair, or the token alone', () => {
    expect(publishToken('editors:s3cret-token-value')).toBe('s3cret-token-value');
    expect(publishToken('  s3cret-token-value\n')).toBe('s3cret-token-value');
  });

  it('refuses what cannot be a token', () => {
    expect(publishToken('short')).toHaveProperty('error');
    expect(publishToken('two words here')).toHaveProperty('error');
  });
});

describe('maskedToken', () => {
  it('shows the last four characters of a long token, nothing of a short one', () => {
    expect(maskedToken('abcdefghijklmnopqrstuvwxyz')).toBe('••••••••wxyz');
    expect(maskedToken('abcdefghij')).toBe('••••••••');
  });
});
