/** A tab in an A1 range, always quoted: the API accepts it for every title, plain or not. */
export const quoteTab = (title: string) => `'${title.replaceAll("'", "''")}'`;

/** Sheets answers 400 "Unable to parse range" when a range names a tab that does not exist. */
export function isMissingTabError(error: unknown): boolean {
  const e = error as {
    status?: number;
    message?: string;
    response?: { status?: number; data?: { error?: { message?: string } } };
  };
  const message = `${e.message ?? ''} ${e.response?.data?.error?.message ?? ''}`;
  return (e.status ?? e.response?.status) === 400 && /unable to parse range/i.test(message);
}
