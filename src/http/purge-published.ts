import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { logEvent } from '../log-event.ts';

/** Hono throws when asked for an execution context it was not given (as in `app.request` tests). */
function executionContext(c: Context): ExecutionContext | undefined {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined;
  }
}

/**
 * After a publish, forget what answers for the dataset were cached, so the editor sees the change at
 * once where it ran: this isolate's heads, and Workers Cache by tag where the runtime offers it (local
 * runs do not emulate it). A failed purge is logged, not fatal: the version is already live.
 */
export async function purgePublished(c: Context<AppEnv>, dataset: string): Promise<void> {
  c.var.forgetMoving();
  const cache = executionContext(c)?.cache;
  if (!cache) return;
  try {
    const result = await cache.purge({ tags: [`assay:${dataset}`, 'assay:catalogue'] });
    if (!result.success) {
      logEvent('purge.failed', { dataset, errors: result.errors }, 'error');
    }
  } catch (error) {
    logEvent('purge.failed', { dataset, message: String(error) }, 'error');
  }
}
