/** What the Settings page is given: the saved URL, and the saved token masked (empty when none). */
export interface SettingsData {
  url: string;
  token: string;
}
