const defaultRetention = 50;
const defaultMaxBodyBytes = 32 * 1024 * 1024;

export interface PublishConfig {
  /** How many of the newest versions keep their rows; older ones keep only their metadata. */
  retention: number;
  maxBodyBytes: number;
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** Publishing settings from the Worker's vars; an unset or unusable value means the default. */
export function publishConfig(vars: { RETENTION?: string; MAX_BODY_BYTES?: string }): PublishConfig {
  return {
    retention: positiveInteger(vars.RETENTION, defaultRetention),
    maxBodyBytes: positiveInteger(vars.MAX_BODY_BYTES, defaultMaxBodyBytes),
  };
}
