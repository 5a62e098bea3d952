/**
 * JSON kept in document properties, in as many properties as it needs: one property holds at most
 * 9 KB, and the marks of a tab with long editor notes can need more.
 */
const chunk = 8_000;

export function readJson<T>(properties: GoogleAppsScript.Properties.Properties, key: string): T | undefined {
  const count = Number(properties.getProperty(key) ?? '0');
  if (!(count > 0)) return undefined;
  let text = '';
  for (let i = 0; i < count; i++) text += properties.getProperty(`${key}.${i}`) ?? '';
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function writeJson(properties: GoogleAppsScript.Properties.Properties, key: string, value: unknown) {
  deleteJson(properties, key);
  if (value === undefined) return;
  const text = JSON.stringify(value);
  const parts: Record<string, string> = {};
  const count = Math.max(1, Math.ceil(text.length / chunk));
  for (let i = 0; i < count; i++) parts[`${key}.${i}`] = text.slice(i * chunk, (i + 1) * chunk);
  parts[key] = String(count);
  properties.setProperties(parts);
}

export function deleteJson(properties: GoogleAppsScript.Properties.Properties, key: string) {
  const count = Number(properties.getProperty(key) ?? '0');
  for (let i = 0; i < count; i++) properties.deleteProperty(`${key}.${i}`);
  properties.deleteProperty(key);
}
