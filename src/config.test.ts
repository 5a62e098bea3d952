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
    expect(parseConfig(bound)).toEqual({
      tokens: [],
      retention: 50,
      maxBodyBytes: 32 * 1024 * 1024,
      maxPublishRows: 1_000_000,
    });
    expect(
      parseConfig({
        ...bound,
        RETENTION: '3',
        MAX_BODY_BYTES: '1000',
        MAX_PUBLISH_ROWS: '20',
        ADMIN_TOKEN: 'sync:abc',
      }),
    ).toEqual({
      tokens: [{ label: 'sync', token: 'abc', scope: 'admin' }],
      retention: 3,
      maxBodyBytes: 1000,
      maxPublishRows: 20,
    });
  });

  it('takes either token secret alone or both, each token with its scope', () => {
    expect(parseConfig({ ...bound, PUBLISH_TOKEN: 'editors:xyz' }).tokens).toEqual([
      { label: 'editors', token: 'xyz', scope: 'publish' },
    ]);
    expect(parseConfig({ ...bound, ADMIN_TOKEN: 'sync:abc', PUBLISH_TOKEN: 'editors:xyz' }).tokens).toEqual([
      { label: 'sync', token: 'abc', scope: 'admin' },
      { label: 'editors', token: 'xyz', scope: 'publish' },
    ]);
  });

  it('refuses a token in both secrets, since its scope would be a guess, without quoting it', () => {
    const error = refusal({
      ...bound,
      ADMIN_TOKEN: 'sync:same-secret',
      PUBLISH_TOKEN: 'editors:same-secret',
    });
    expect(error.setting).toBe('PUBLISH_TOKEN');
    expect(error.message).not.toContain('same-secret');
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

  it.each(['ADMIN_TOKEN', 'PUBLISH_TOKEN'])(
    'refuses a %s with no readable pair without quoting the secret',
    (name) => {
      const error = refusal({ ...bound, [name]: 'just-a-token-without-a-label' });
      expect(error.setting).toBe(name);
      expect(error.message).toContain(`${name} holds no`);
      expect(error.message).not.toContain('just-a-token');
    },
  );

  it('refuses a missing or wrong binding by name', () => {
    expect(refusal({ DATASET_WRITER: env.DATASET_WRITER }).setting).toBe('DATASETS');
    expect(refusal({ ...bound, DATASET_WRITER: env.DATASETS }).setting).toBe('DATASET_WRITER');
    expect(refusal({ ...bound, LIVE_HUB: undefined }).setting).toBe('LIVE_HUB');
  });
});
