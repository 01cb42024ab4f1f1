import path from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

/**
 * A fake of browser.i18n for the unit tests (which run outside a browser): the messages the build
 * writes from locales/en.yml, with $1…$9 filled in as browsers do. Installed as `chrome` (where
 * @wxt-dev/browser looks when there is no `browser`) before any test module loads.
 */
const messages = generateChromeMessages(
  await parseMessagesFile(path.resolve(import.meta.dirname, '../locales/en.yml')),
);

function getMessage(name: string, substitutions?: string | string[]): string {
  const message = messages[name]?.message;
  if (message === undefined) return '';
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

const globals = globalThis as { chrome?: Record<string, unknown> };
globals.chrome = {
  ...globals.chrome,
  i18n: { getMessage, getUILanguage: () => 'en' },
};
