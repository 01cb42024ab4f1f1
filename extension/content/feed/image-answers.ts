import type { ImageView } from '@veneer/shared/judge';
import { t } from '../../lib/i18n.ts';
import type { FeedReporter, FeedServices } from './ports.ts';

/**
 * What the on-device image checks answered for each image, by its address: an image shown in
 * many posts, or a post judged again, is hashed and looked at once. Images the page could not
 * read yet (no address) are asked about again next time.
 */
export class ImageAnswers<I> {
  private readonly hashes = new Map<string, string | null>();
  private readonly views = new Map<string, ImageView | null>();

  constructor(
    private readonly services: FeedServices<I>,
    private readonly reporter: FeedReporter,
  ) {}

  /** Hashes the images not hashed yet. */
  async hash(images: readonly I[]): Promise<void> {
    const missing = this.missing(images, this.hashes);
    if (missing.length === 0) return;
    let hashes: Array<string | null | undefined> = missing.map(() => null);
    try {
      hashes = await this.services.hashImages(missing);
    } catch (error) {
      this.reporter.problem(t('problem.imageExamples', { reason: (error as Error).message }));
    }
    missing.forEach((image, i) => {
      const hash = hashes[i];
      const key = this.services.imageKey(image);
      if (hash !== undefined && key) this.hashes.set(key, hash);
    });
  }

  /** Runs the image models over the images not looked at yet. */
  async look(images: readonly I[], want: { nsfw: boolean; objects: boolean }): Promise<void> {
    const missing = this.missing(images, this.views);
    if (missing.length === 0) return;
    let views: Array<ImageView | undefined | null> = missing.map(() => null);
    try {
      const answer = await this.services.lookAtImages(missing, want);
      views = answer.views;
      for (const problem of answer.problems) this.reporter.problem(problem);
    } catch (error) {
      this.reporter.problem(t('problem.imageModels', { reason: (error as Error).message }));
    }
    missing.forEach((image, i) => {
      const view = views[i];
      const key = this.services.imageKey(image);
      if (view !== undefined && key) this.views.set(key, view);
    });
  }

  /** The hashes of the images that could be read. */
  hashesOf(images: readonly I[]): string[] {
    return images.map((image) => this.hashes.get(this.services.imageKey(image))).filter((h) => h != null);
  }

  /** What the models saw in the images that could be read. */
  viewsOf(images: readonly I[]): ImageView[] {
    return images.map((image) => this.views.get(this.services.imageKey(image))).filter((v) => v != null);
  }

  private missing(images: readonly I[], known: Map<string, unknown>): I[] {
    // An image with no address yet (lazily loaded) is asked about: the services wait for it.
    const seen = new Set<unknown>();
    return images.filter((image) => {
      const key = this.services.imageKey(image) || image;
      if (known.has(key as string) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
