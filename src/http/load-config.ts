import type { MiddlewareHandler } from 'hono';
import { type Config, ConfigError, parseConfig } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { logEvent } from '../log-event.ts';
import { problem } from './problem.ts';

/**
 * Parses the configuration once per environment and hands it to the routes as `c.var.config`. A bad
 * setting is logged once and answers every request with a problem naming it, so a deploy with a typo
 * is noticed at its first request rather than running on a guess.
 */
export function loadConfig(): MiddlewareHandler<AppEnv> {
  const parsed = new WeakMap<object, Config | ConfigError>();
  return async (c, next) => {
    let config = parsed.get(c.env);
    if (!config) {
      try {
        config = parseConfig(c.env as unknown as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        config = error;
        logEvent('config.invalid', { setting: error.setting, message: error.message }, 'error');
      }
      parsed.set(c.env, config);
    }
    if (config instanceof ConfigError) {
      throw problem(
        500,
        `This Worker is misconfigured: ${config.message} Nothing was read or written; its operator must fix the setting.`,
        { setting: config.setting },
      );
    }
    c.set('config', config);
    await next();
  };
}
