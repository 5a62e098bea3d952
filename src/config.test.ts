import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

const bound = { DATASETS: env.DATASETS, DATASET_WRITER: env.DATASET_WRITER, LIVE_HUB: env.LIVE_HUB };

function refusal(vars: Record<string, unknown>): ConfigError {
  try {
    parseConfig(vars);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('takes the defaults for what is unset, and reads what is set', () => {
    expect(parseConfig(bound)).toEqual({ adminTokens: [], retention: 50, maxBodyBytes: 32 * 1024 * 1024 });
    expect(
      parseConfig({ ...bound, RETENTION: '3', MAX_BODY_BYTES: '1000', ADMIN_TOKEN: 'sync:abc' }),
    ).toEqual({ adminTokens: [{ label: 'sync', token: 'abc' }], retention: 3, maxBodyBytes: 1000 });
  });

  it.each([
    ['RETENTION', '5O'],
    ['RETENTION', '0'],
    ['RETENTION', ''],
    ['RETENTION', '2.5'],
    ['MAX_BODY_BYTES', 'lots'],
    ['MAX_BODY_BYTES', '-1'],
  ])('refuses %s=%j, naming it and quoting the value', (name, value) => {
    const error = refusal({ ...bound, [name]: value });
    expect(error.setting).toBe(name);
    expect(error.message).toContain(`${name} must be a whole number of at least 1`);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it('refuses an ADMIN_TOKEN with no readable pair without quoting the secret', () => {
    const error = refusal({ ...bound, ADMIN_TOKEN: 'just-a-token-without-a-label' });
    expect(error.setting).toBe('ADMIN_TOKEN');
    expect(error.message).not.toContain('just-a-token');
  });

  it('refuses a missing or wrong binding by name', () => {
    expect(refusal({ DATASET_WRITER: env.DATASET_WRITER }).setting).toBe('DATASETS');
    expect(refusal({ ...bound, DATASET_WRITER: env.DATASETS }).setting).toBe('DATASET_WRITER');
    expect(refusal({ ...bound, LIVE_HUB: undefined }).setting).toBe('LIVE_HUB');
  });
});
