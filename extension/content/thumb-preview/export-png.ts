/**
 * The preview as a PNG: the item drawn on a canvas as laid out on the page (its background, its
 * images where their pixels may be read, its text in the page's own font and colour), at twice
 * its CSS size. Cross-origin images (another site's avatar) would make the canvas unreadable, so
 * they are drawn as a plain placeholder instead.
 */
const SCALE = 2;

function backgroundOf(element: Element | null): string {
  for (let at = element; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

function readable(image: HTMLImageElement): boolean {
  if (image.src.startsWith('data:') || image.src.startsWith('blob:')) return true;
  try {
    return new URL(image.src).origin === location.origin;
  } catch {
    return false;
  }
}

function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && context.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function previewPng(item: HTMLElement): Promise<Blob> {
  const box = item.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * SCALE));
  canvas.height = Math.max(1, Math.round(box.height * SCALE));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas here');
  context.scale(SCALE, SCALE);
  context.fillStyle = backgroundOf(item);
  context.fillRect(0, 0, box.width, box.height);

  for (const image of item.querySelectorAll<HTMLImageElement>('img')) {
    const rect = image.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const [x, y] = [rect.left - box.left, rect.top - box.top];
    if (readable(image) && image.complete && image.naturalWidth > 0) {
      context.drawImage(image, x, y, rect.width, rect.height);
    } else {
      context.fillStyle = '#888888';
      context.fillRect(x, y, rect.width, rect.height);
    }
  }

  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent) continue;
    const style = getComputedStyle(parent);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
    const rect = parent.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    context.fillStyle = style.color;
    context.textBaseline = 'top';
    const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.3;
    const lines = wrap(context, text, rect.width);
    const fits = Math.max(1, Math.floor(rect.height / lineHeight + 0.01));
    lines.slice(0, fits).forEach((line, i) => {
      context.fillText(line, rect.left - box.left, rect.top - box.top + i * lineHeight, rect.width);
    });
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
      'image/png',
    ),
  );
}
