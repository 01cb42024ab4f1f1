import { browser } from 'wxt/browser';
import { withStarters } from '../../background/welcome.ts';
import { localizePage, t } from '../../lib/i18n.ts';
import { loadFilters, loadFiltersToChange, saveFilters } from '../../lib/storage.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
localizePage();
const boxes = () => [...document.querySelectorAll<HTMLInputElement>('input[name="starter"]')];

/** The boxes show which starter filters the list has. */
async function render(): Promise<void> {
  const { filters } = await loadFilters();
  for (const box of boxes()) box.checked = filters.some((f) => f.id === box.value && f.enabled);
}

$('starters').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answer = $('starters-answer');
  try {
    const chosen = boxes()
      .filter((box) => box.checked)
      .map((box) => box.value);
    await saveFilters(withStarters(await loadFiltersToChange(), chosen));
    answer.textContent = chosen.length ? t('welcome.done', chosen.length) : t('welcome.none');
    answer.classList.remove('error');
  } catch (error) {
    answer.textContent = (error as Error).message;
    answer.classList.add('error');
  }
});
$('open-options').addEventListener('click', () => void browser.runtime.openOptionsPage());
void render();
