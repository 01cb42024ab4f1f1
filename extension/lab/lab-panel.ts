import type { ThumbResult } from '@veneer/shared/protocol';
import { MAX_IMAGE_BYTES, MAX_TITLE_LENGTH } from '@veneer/shared/protocol';
import { type Appeal, appeal, deepSignals, useAppealWords, winnerOf } from '@veneer/shared/thumbs';
import { t } from '../lib/i18n.ts';
import type { InstantScore } from '../lib/thumb-instant-score.ts';
import { localAppealWords, partName } from './appeal-words.ts';
import type { LabBackend } from './lab-backend.ts';

/**
 * The thumbnail lab: a title and up to six candidate images (file picker or drag and drop). Each
 * candidate gets its instant score from this device as soon as it is added, then the deep score
 * pushed from the inference node (with cloud processing on); the best is marked the winner, and
 * "Preview on YouTube" shows the candidates inside the real youtube.com feed. The same panel runs
 * on the extension's lab page and inside YouTube Studio.
 */
export const MAX_CANDIDATES = 6;

interface Candidate {
  id: string;
  name: string;
  /** The file as a data: address, read while the instant score runs. */
  dataUrl: Promise<string>;
  /** An object URL of the file, for showing it (short, decoded once). */
  displayUrl: string;
  file: Blob;
  addedAt: number;
  instant?: InstantScore;
  /** Time from adding the candidate to its instant score shown, ms. */
  instantMs?: number;
  instantError?: string;
  deep?: ThumbResult;
  deepMs?: number;
  /** What the deep score is doing, in words. */
  deepStatus: string;
  deepRef?: string;
  score?: Appeal;
}

export interface LabOptions {
  backend: LabBackend;
  title?: string;
  channel?: string;
  /** The channel's avatar (an address or a data: URL), shown in the preview. */
  avatar?: string;
  /** Lab page: the channel name is asked for; Studio knows it. */
  askChannel?: boolean;
}

const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  strings.reduce((out, s, i) => out + s + (i < values.length ? escapeHtml(String(values[i])) : ''), '');
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** A candidate as the preview shows it: at most 640 px wide, JPEG (storage is small; the feed shows it smaller still). */
async function previewDataUrl(dataUrl: string): Promise<string> {
  const image = new Image();
  image.src = dataUrl;
  await image.decode();
  const scale = Math.min(1, 640 / image.naturalWidth);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.9);
}

export function mountLab(root: HTMLElement | ShadowRoot, options: LabOptions): { element: HTMLElement } {
  const { backend } = options;
  // The score's details and advice in the interface's language.
  useAppealWords(localAppealWords());
  const element = document.createElement('section');
  element.className = 'veneer-lab';
  element.innerHTML = html`<h2>${t('lab.title')}</h2>
    <label>${t('lab.videoTitle')} <input name="title" maxlength="${MAX_TITLE_LENGTH}" value="${options.title ?? ''}"></label>
    <label data-channel hidden>${t('lab.channel')} <input name="channel"></label>
    <div class="drop">${t('lab.drop', { count: MAX_CANDIDATES })}
      <label style="display:inline">${t('lab.chooseFiles')} <input type="file" name="files" accept="image/*" multiple></label></div>
    <p class="notice" role="status"></p>
    <p class="note">${t('lab.note')}</p>
    <ol class="candidates"></ol>
    <div class="actions"><button type="button" class="primary" name="preview" disabled>${t('lab.preview')}</button></div>`;
  root.append(element);
  const $ = <T extends Element>(selector: string) => element.querySelector(selector) as T;
  const titleInput = $<HTMLInputElement>('input[name="title"]');
  // Studio knows the channel; the lab page asks for it.
  const channelLabel = $<HTMLLabelElement>('label[data-channel]');
  if (options.askChannel) channelLabel.hidden = false;
  else channelLabel.remove();
  const channelInput = element.querySelector<HTMLInputElement>('input[name="channel"]');
  const notice = $<HTMLElement>('.notice');
  const list = $<HTMLOListElement>('.candidates');
  const previewButton = $<HTMLButtonElement>('button[name="preview"]');
  const candidates: Candidate[] = [];
  let counter = 0;
  // Pushed frames reach every lab page at once (runtime messages): this panel's requests carry
  // a name no other panel uses.
  const panelId = crypto.randomUUID();
  let titleTimer: ReturnType<typeof setTimeout> | undefined;

  const title = () => titleInput.value.trim();

  function rescore(candidate: Candidate) {
    if (!candidate.instant) return;
    candidate.score = appeal(
      candidate.instant.signals,
      candidate.deep ? deepSignals(candidate.deep) : undefined,
    );
  }

  function render() {
    const scored = candidates.filter((c) => c.score).map((c) => ({ id: c.id, score: c.score!.score }));
    const winner = scored.length > 1 ? winnerOf(scored) : null;
    for (const candidate of candidates) {
      let item = list.querySelector<HTMLLIElement>(`li[data-candidate-id="${candidate.id}"]`);
      if (!item) {
        // The picture is made once: re-rendering the card must not decode the image again.
        item = document.createElement('li');
        item.className = 'candidate';
        item.dataset.candidateId = candidate.id;
        item.innerHTML = html`<div class="frame"><img alt="${candidate.name}"><span class="boxes"></span></div>
          <p class="name">${candidate.name}</p><div class="result"></div>`;
        item.querySelector('img')!.src = candidate.displayUrl;
        list.append(item);
      }
      item.toggleAttribute('data-winner', candidate.id === winner);
      item.dataset.state = candidate.instantError ? 'error' : candidate.score ? 'scored' : 'scoring';
      if (candidate.instantMs !== undefined) item.dataset.instantMs = candidate.instantMs.toFixed(1);
      // The scorer's own time (decode and models), next to the time the creator waited.
      if (candidate.instant) item.dataset.instantModelsMs = candidate.instant.ms.toFixed(1);
      if (candidate.deepMs !== undefined) item.dataset.deepMs = candidate.deepMs.toFixed(1);
      item.dataset.deep = candidate.deep ? 'done' : 'waiting';
      item.querySelector('.boxes')!.innerHTML = boxesHtml(candidate);
      const result = item.querySelector('.result')!;
      result.innerHTML = resultHtml(candidate, candidate.id === winner);
      result.querySelector('button[name="remove"]')?.addEventListener('click', () => remove(candidate.id));
    }
    for (const item of list.querySelectorAll<HTMLLIElement>('li.candidate'))
      if (!candidates.some((c) => c.id === item.dataset.candidateId)) item.remove();
    previewButton.disabled = candidates.length === 0;
  }

  function boxesHtml(candidate: Candidate): string {
    return candidate.instant
      ? [
          ...candidate.instant.faces.map((box) => ({ box, kind: 'face' })),
          ...candidate.instant.text.map((box) => ({ box, kind: 'text' })),
        ]
          .map(
            ({ box, kind }) =>
              `<span class="box ${kind}" style="left:${box.x * 100}%;top:${box.y * 100}%;width:${box.width * 100}%;height:${box.height * 100}%"></span>`,
          )
          .join('')
      : '';
  }

  function resultHtml(candidate: Candidate, isWinner: boolean): string {
    const score = candidate.instantError
      ? html`<p class="notice">${candidate.instantError}</p>`
      : candidate.score
        ? html`<div class="score">${candidate.score.score}<small> ${t('lab.outOf100')}</small></div>` +
          (isWinner ? html`<span class="winner-badge">${t('lab.winner')}</span>` : '') +
          `<ul class="parts">${candidate.score.parts
            .map(
              (part) =>
                html`<li data-part="${part.name}">${partName(part.name)}: ${Math.round(part.value * 100)} · ${part.detail}</li>`,
            )
            .join('')}</ul>` +
          `<ul class="advice">${candidate.score.advice.map((line) => html`<li>${line}</li>`).join('')}</ul>`
        : html`<div class="score"><small>${t('lab.scoring')}</small></div>`;
    return (
      score +
      html`<p class="deep">${t('lab.deepScore', { status: candidate.deepStatus })}</p>` +
      (candidate.deep ? saliencyHtml(candidate.deep) : '') +
      html`<button type="button" name="remove">${t('lab.remove')}</button>`
    );
  }

  function saliencyHtml(deep: ThumbResult): string {
    const cells = deep.saliency.values
      .map((value) => `<span style="background:rgba(255,80,0,${value.toFixed(2)})"></span>`)
      .join('');
    return `<div class="saliency" title="${escapeHtml(t('lab.saliency'))}" style="grid-template-columns:repeat(${deep.saliency.width},1fr)">${cells}</div>`;
  }

  async function score(candidate: Candidate) {
    const asked = title();
    try {
      const instant = await backend.instantScore(candidate.file, asked);
      if (!candidates.includes(candidate) || asked !== title()) return;
      candidate.instant = instant;
      candidate.instantError = undefined;
      rescore(candidate);
    } catch (error) {
      candidate.instantError = t('lab.cannotScore', { reason: (error as Error).message });
    }
    render();
    candidate.instantMs ??= performance.now() - candidate.addedAt;
    render();
    void deepScore(candidate);
  }

  async function deepScore(candidate: Candidate) {
    if (!title()) {
      candidate.deepStatus = t('lab.deepNeedsTitle');
      render();
      return;
    }
    candidate.deep = undefined;
    candidate.deepRef = `${panelId}:${candidate.id}:${++counter}`;
    candidate.deepStatus = t('lab.deepAsked');
    render();
    const deepRef = candidate.deepRef;
    const why = await candidate.dataUrl.then(
      (dataUrl) =>
        backend.requestDeepScore(
          deepRef,
          { kind: 'bytes', mime: candidate.file.type, data: dataUrl.slice(dataUrl.indexOf(',') + 1) },
          title(),
        ),
      (error: Error) => t('lab.unreadable', { reason: error.message }),
    );
    if (why) {
      candidate.deepStatus = t('lab.deepUnavailable', { reason: why });
      render();
    }
  }

  backend.onFrame((clientRef, frame) => {
    const candidate = candidates.find((c) => c.deepRef === clientRef);
    if (!candidate) return;
    if (frame.kind === 'queued') candidate.deepStatus = t('lab.deepQueued');
    else if (frame.kind === 'running')
      candidate.deepStatus =
        frame.progress !== undefined
          ? t('lab.deepRunningProgress', { percent: Math.round(frame.progress * 100) })
          : t('lab.deepRunning');
    else if (frame.kind === 'failed')
      candidate.deepStatus = t('lab.deepFailed', { reason: frame.error.message });
    else if (frame.result.type === 'thumb') {
      candidate.deep = frame.result;
      candidate.deepMs ??= performance.now() - candidate.addedAt;
      const match = frame.result.titleMatch;
      const text = frame.result.text;
      candidate.deepStatus = t('lab.deepDone', {
        text: text.content
          ? t(text.relation === 'adds' ? 'lab.textAdds' : 'lab.textRepeats', {
              text: text.content.replace(/\n/g, ' / '),
            })
          : t('lab.textNone'),
        faces: frame.result.faces.length,
        match: match.available
          ? match.similarity.toFixed(2)
          : t('lab.matchUnavailable', { reason: match.reason }),
      });
      rescore(candidate);
    }
    render();
  });

  async function addFiles(files: readonly File[]) {
    const problems: string[] = [];
    for (const file of files) {
      if (candidates.length >= MAX_CANDIDATES) {
        problems.push(`at most ${MAX_CANDIDATES} candidates: ${file.name} was not added`);
        continue;
      }
      if (!file.type.startsWith('image/')) {
        problems.push(`${file.name} is not an image`);
        continue;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        problems.push(`${file.name} is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
        continue;
      }
      const addedAt = performance.now();
      const candidate: Candidate = {
        id: `c${++counter}`,
        name: file.name,
        dataUrl: readAsDataUrl(file),
        displayUrl: URL.createObjectURL(file),
        file,
        addedAt,
        deepStatus: t('lab.deepWaiting'),
      };
      candidates.push(candidate);
      render();
      void score(candidate);
    }
    notice.textContent = problems.join('; ');
  }

  function remove(id: string) {
    const at = candidates.findIndex((c) => c.id === id);
    if (at >= 0) URL.revokeObjectURL(candidates.splice(at, 1)[0]!.displayUrl);
    render();
  }

  $<HTMLInputElement>('input[name="files"]').addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    void addFiles([...(input.files ?? [])]).then(() => {
      input.value = '';
    });
  });
  const drop = $<HTMLElement>('.drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.dataset.over = '';
  });
  drop.addEventListener('dragleave', () => delete drop.dataset.over);
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    delete drop.dataset.over;
    void addFiles([...(event.dataTransfer?.files ?? [])]);
  });
  titleInput.addEventListener('input', () => {
    clearTimeout(titleTimer);
    titleTimer = setTimeout(() => {
      for (const candidate of candidates) void score(candidate);
    }, 400);
  });
  previewButton.addEventListener('click', () => {
    const channel = channelInput?.value.trim() || options.channel || t('lab.yourChannel');
    void Promise.all(
      candidates.map(async ({ id, name, dataUrl }) => ({
        id,
        name,
        dataUrl: await previewDataUrl(await dataUrl),
      })),
    )
      .then((shown) =>
        backend.openPreview({
          title: title() || t('lab.yourTitle'),
          channel,
          avatar: options.avatar ?? '',
          candidates: shown,
        }),
      )
      .catch((error: Error) => {
        notice.textContent = t('lab.previewFailed', { reason: error.message });
      });
  });
  return { element };
}
