import type { SettingsData } from '../page-data.ts';
import { callScript, closeDialog, pageData } from './google-script.ts';

/** The Settings dialog: the Worker URL and the publish token, saved by the script, never in a cell. */
const data = pageData<SettingsData>();
const form = document.querySelector('form') as HTMLFormElement;
const url = form.elements.namedItem('url') as HTMLInputElement;
const token = form.elements.namedItem('token') as HTMLInputElement;
const message = document.getElementById('message') as HTMLElement;
const saved = document.getElementById('saved-token') as HTMLElement;

url.value = data.url;
saved.textContent =
  data.token === '' ? 'No token saved yet.' : `Saved token: ${data.token}. Leave the field empty to keep it.`;
token.required = data.token === '';

form.addEventListener('submit', (event) => {
  event.preventDefault();
  message.textContent = 'Saving…';
  callScript('assaySaveSettings', { url: url.value, token: token.value }).then(
    (result) => {
      const error = (result as { error?: string } | null)?.error;
      if (error) message.textContent = error;
      else closeDialog();
    },
    (error: Error) => {
      message.textContent = `Could not save: ${error.message}`;
    },
  );
});
document.getElementById('cancel')?.addEventListener('click', closeDialog);
