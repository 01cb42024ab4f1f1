import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n.ts';
import {
  THUMB_PREVIEW_STORAGE_KEY,
  type ThumbPreview,
  thumbPreviewSchema,
} from '../../lib/thumb-preview-schema.ts';
import { candidateItem } from './candidate-item.ts';
import { previewPng } from './export-png.ts';
import { type SlotKind, slotKindFor, slotsOn } from './preview-slots.ts';

/**
 * The thumbnail lab's preview on www.youtube.com: while the lab has stored candidates, the first
 * video of the home grid, the search results or the watch-page sidebar is shown as a candidate,
 * with a bar to cycle the candidates in that slot, show them all side by side, export the preview
 * as PNG, or remove it. Removing puts the page's own elements back, untouched.
 */
const BAR_TAG = 'veneer-preview-bar';
const SLOT_WAIT_MS = 15_000;

export function startThumbPreview(): void {
  let preview: ThumbPreview | null = null;
  let index = 0;
  let sideBySide = false;
  let replaced: Array<{ original: HTMLElement; copy: HTMLElement }> = [];
  let bar: { host: HTMLElement; label: HTMLElement; status: HTMLElement } | null = null;
  let waitTimer: ReturnType<typeof setInterval> | undefined;

  function restore(): void {
    clearInterval(waitTimer);
    for (const { original, copy } of replaced) if (copy.isConnected) copy.replaceWith(original);
    replaced = [];
  }

  function show(kind: SlotKind): boolean {
    if (!preview) return true;
    const slots = slotsOn(kind);
    if (slots.length === 0) return false;
    const chosen = sideBySide
      ? preview.candidates.slice(0, slots.length).map((candidate, i) => ({ candidate, slot: slots[i]! }))
      : [{ candidate: preview.candidates[index]!, slot: slots[0]! }];
    for (const { candidate, slot } of chosen) {
      const copy = candidateItem(slot, {
        ...candidate,
        title: preview.title,
        channel: preview.channel,
        avatar: preview.avatar || mastheadAvatar(),
      });
      slot.replaceWith(copy);
      replaced.push({ original: slot, copy });
    }
    return true;
  }

  function apply(): void {
    restore();
    if (!preview) return;
    renderBar();
    const kind = slotKindFor(location.pathname);
    if (!kind) {
      setStatus(t('preview.openPage'));
      return;
    }
    setStatus('');
    if (show(kind)) return;
    // The feed renders after the page: wait for its first item.
    const started = Date.now();
    waitTimer = setInterval(() => {
      if (show(kind)) clearInterval(waitTimer);
      else if (Date.now() - started > SLOT_WAIT_MS) {
        clearInterval(waitTimer);
        setStatus(t('preview.noVideo'));
      }
    }, 200);
  }

  function setStatus(text: string): void {
    if (bar) bar.status.textContent = text;
  }

  function renderBar(): void {
    if (!preview) return;
    if (!bar) {
      const host = document.createElement(BAR_TAG);
      host.style.cssText =
        'position:fixed;left:50%;bottom:16px;transform:translateX(-50%);z-index:2147483000;';
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = `<style>
        div{display:flex;gap:8px;align-items:center;padding:8px 12px;border-radius:24px;background:#202124;color:#fff;font:13px/1.4 Roboto,Arial,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.4)}
        button{font:inherit;border:0;border-radius:16px;padding:4px 12px;background:#3c4043;color:#fff;cursor:pointer}
        button[aria-pressed="true"]{background:#8ab4f8;color:#202124}
        .status{color:#fdd663}
      </style><div role="toolbar"><strong></strong>
        <button type="button" name="previous">◀</button>
        <span class="label"></span>
        <button type="button" name="next">▶</button>
        <button type="button" name="side" aria-pressed="false"></button>
        <button type="button" name="export"></button>
        <button type="button" name="remove"></button>
        <span class="status" role="status"></span></div>`;
      const button = (name: string) => shadow.querySelector<HTMLButtonElement>(`button[name="${name}"]`)!;
      // The texts are set as text (the markup above is constant: nothing is parsed from a message).
      shadow.querySelector('[role="toolbar"]')!.setAttribute('aria-label', t('preview.toolbar'));
      shadow.querySelector('strong')!.textContent = t('preview.title');
      button('previous').setAttribute('aria-label', t('preview.previous'));
      button('next').setAttribute('aria-label', t('preview.next'));
      button('side').textContent = t('preview.sideBySide');
      button('export').textContent = t('preview.export');
      button('remove').textContent = t('preview.remove');
      button('previous').addEventListener('click', () => cycle(-1));
      button('next').addEventListener('click', () => cycle(1));
      button('side').addEventListener('click', () => {
        sideBySide = !sideBySide;
        button('side').setAttribute('aria-pressed', String(sideBySide));
        apply();
      });
      button('export').addEventListener('click', () => void exportPng());
      button('remove').addEventListener(
        'click',
        () => void browser.storage.local.remove(THUMB_PREVIEW_STORAGE_KEY),
      );
      document.documentElement.append(host);
      bar = { host, label: shadow.querySelector('.label')!, status: shadow.querySelector('.status')! };
    }
    const candidate = preview.candidates[index]!;
    bar.label.textContent = sideBySide
      ? t('preview.all', { count: preview.candidates.length })
      : t('preview.candidate', { n: index + 1, count: preview.candidates.length, name: candidate.name });
  }

  function cycle(step: number): void {
    if (!preview) return;
    sideBySide = false;
    bar?.host.shadowRoot?.querySelector('button[name="side"]')?.setAttribute('aria-pressed', 'false');
    index = (index + step + preview.candidates.length) % preview.candidates.length;
    apply();
  }

  async function exportPng(): Promise<void> {
    const copy = replaced[0]?.copy;
    if (!copy) {
      setStatus(t('preview.nothing'));
      return;
    }
    try {
      const url = URL.createObjectURL(await previewPng(copy));
      const link = document.createElement('a');
      link.href = url;
      link.download = `veneer-preview-${slotKindFor(location.pathname) ?? 'page'}-${index + 1}.png`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus('');
    } catch (error) {
      setStatus(t('preview.pngFailed', { reason: (error as Error).message }));
    }
  }

  function close(): void {
    restore();
    bar?.host.remove();
    bar = null;
  }

  function load(value: unknown): void {
    const parsed = thumbPreviewSchema().safeParse(value);
    preview = parsed.success ? parsed.data : null;
    index = 0;
    sideBySide = false;
    if (preview) {
      bar?.host.shadowRoot?.querySelector('button[name="side"]')?.setAttribute('aria-pressed', 'false');
      apply();
    } else close();
  }

  void browser.storage.local.get(THUMB_PREVIEW_STORAGE_KEY).then((stored) => {
    if (stored[THUMB_PREVIEW_STORAGE_KEY]) {
      if (document.readyState === 'loading')
        document.addEventListener('DOMContentLoaded', () => load(stored[THUMB_PREVIEW_STORAGE_KEY]), {
          once: true,
        });
      else load(stored[THUMB_PREVIEW_STORAGE_KEY]);
    }
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[THUMB_PREVIEW_STORAGE_KEY])
      load(changes[THUMB_PREVIEW_STORAGE_KEY].newValue);
  });
  // YouTube is a single-page app: show the preview again on the page it navigated to.
  document.addEventListener('yt-navigate-finish', () => {
    if (preview) apply();
  });
}

/** The signed-in user's own avatar from YouTube's top bar, when the lab did not give one. */
function mastheadAvatar(): string {
  return (
    document.querySelector<HTMLImageElement>('#avatar-btn img, ytd-topbar-menu-button-renderer img')?.src ??
    ''
  );
}
