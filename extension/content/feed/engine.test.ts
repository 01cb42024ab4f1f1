import { type Filter, FilterSchema } from '@veneer/shared/filters';
import type { ImageView, Verdict } from '@veneer/shared/judge';
import { learnedFeatures, storeLearned } from '@veneer/shared/learning';
import { describe, expect, it, vi } from 'vitest';
import { FeedEngine } from './engine.ts';
import type { FeedPost, FeedReporter, FeedServices, FeedView } from './ports.ts';

/** Fake elements and images: plain objects (the engine never touches the DOM). */
interface FakeElement {
  name: string;
}
interface FakeImage {
  src: string;
}

/** A fake page: what the view was told for each element, in order. */
function fakeView() {
  const marks = new Map<FakeElement, Verdict | null | 'shown'>();
  const onShow = new Map<FakeElement, () => void>();
  const view: FeedView<FakeElement> = {
    apply(element, verdict, show) {
      marks.set(element, verdict);
      onShow.set(element, show);
    },
    show: (element) => marks.set(element, 'shown'),
    forget: (element) => marks.delete(element),
    isMarked: (element) => marks.has(element),
    batch: (apply) => apply(),
  };
  return { view, marks, click: (element: FakeElement) => onShow.get(element)!() };
}

/** Fake models that answer when the test says so (`answer*`), recording what they were asked. */
function fakeServices() {
  const asked = {
    classify: [] as string[][],
    hashes: [] as string[][],
    looks: [] as string[][],
    faces: [] as string[],
  };
  const classifyAnswers: Array<(p: unknown[][]) => void> = [];
  let hashAnswers: Array<() => void> = [];
  const hashes = new Map<string, string | null>();
  const views = new Map<string, ImageView>();
  const services: FeedServices<FakeImage> = {
    checkTexts: vi.fn((checks: readonly string[], texts: readonly string[]) => {
      asked.classify.push([...checks, ...texts]);
      return new Promise<unknown[][]>((resolve) => classifyAnswers.push(resolve));
    }),
    hashImages: vi.fn((images: readonly FakeImage[]) => {
      asked.hashes.push(images.map((i) => i.src));
      return new Promise<Array<string | null>>((resolve) =>
        hashAnswers.push(() => resolve(images.map((i) => hashes.get(i.src) ?? null))),
      );
    }),
    lookAtImages: vi.fn(async (images: readonly FakeImage[]) => {
      asked.looks.push(images.map((i) => i.src));
      return { views: images.map((i) => views.get(i.src) ?? { scores: null, objects: [] }), problems: [] };
    }),
    readImageText: vi.fn(async () => []),
    blurFaces: vi.fn((image: FakeImage) => {
      asked.faces.push(image.src);
    }),
    imageKey: (image) => image.src,
  };
  const flushed = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    services,
    asked,
    hashes,
    views,
    flushed,
    /** Answers the oldest classify request still out. */
    async answerClassify(probabilities: number[][]) {
      classifyAnswers.shift()?.(probabilities);
      await flushed();
    },
    async answerHashes() {
      const answers = hashAnswers;
      hashAnswers = [];
      for (const answer of answers) answer();
      await flushed();
    },
  };
}

function fakeReporter(): FeedReporter & { problems: string[]; modified: Map<string, Verdict> } {
  const modified = new Map<string, Verdict>();
  const problems: string[] = [];
  return {
    problems,
    modified,
    postSeen: () => {},
    postModified: (id, verdict) => modified.set(id, verdict),
    postRestored: (id) => modified.delete(id),
    resetVerdicts: () => modified.clear(),
    problem: (message) => problems.push(message),
  };
}

function setup(filters: Array<Partial<Filter> & { action: Filter['action'] }>, cloudProcessing = false) {
  const view = fakeView();
  const services = fakeServices();
  const reporter = fakeReporter();
  const engine = new FeedEngine<FakeElement, FakeImage>(services.services, view.view, reporter);
  engine.configure({
    filters: filters.map((f, i) => FilterSchema.parse({ id: `f${i}`, ...f })),
    site: 'x',
    cloudProcessing,
  });
  return { engine, ...view, ...services, reporter };
}

const element = (name: string): FakeElement => ({ name });
const post = (
  id: string,
  el: FakeElement,
  text: string,
  images: FakeImage[] = [],
): FeedPost<FakeElement, FakeImage> => ({ id, element: el, text, author: '', link: '', images });

describe('FeedEngine', () => {
  it('judges each post by its words at once; no model is asked when no filter uses one', () => {
    const { engine, marks, services } = setup([{ words: 'spiders', action: 'hide' }]);
    const a = element('a');
    const b = element('b');
    expect(engine.process(post('1', a, 'a spider'))).toBe(true);
    expect(engine.process(post('2', b, 'a cat'))).toBe(true);
    expect(marks.get(a)).toMatchObject({ action: 'hide', reason: 'spiders' });
    expect(marks.get(b)).toBeNull();
    engine.flush();
    expect(services.checkTexts).not.toHaveBeenCalled();
  });

  it('a post waiting for its classifier has no mark until the answer, then gets the strongest verdict', async () => {
    const t = setup([
      { classifier: 'offensive', action: 'collapse' },
      { words: 'trailer', action: 'blur' },
    ]);
    const a = element('a');
    const b = element('b');
    t.engine.process(post('1', a, 'you idiot'));
    t.engine.process(post('2', b, 'new trailer'));
    expect(t.marks.has(a)).toBe(false);
    expect(t.marks.has(b)).toBe(false);
    t.engine.flush();
    // One request for both posts of the scan.
    expect(t.asked.classify).toEqual([['offensive', 'you idiot', 'new trailer']]);
    await t.answerClassify([[0.9, 0.1]]);
    expect(t.marks.get(a)).toMatchObject({ action: 'collapse', reason: 'offensive language' });
    expect(t.marks.get(b)).toMatchObject({ action: 'blur', reason: 'trailer' });
  });

  it('a classifier that cannot run: the page says so and the words verdict stands', async () => {
    const t = setup([
      { classifier: 'offensive', action: 'hide' },
      { words: 'trailer', action: 'blur' },
    ]);
    (t.services.checkTexts as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('no wasm'));
    const a = element('a');
    t.engine.process(post('1', a, 'the trailer'));
    t.engine.flush();
    await t.flushed();
    expect(t.reporter.problems).toEqual(['The offensive model could not run: no wasm']);
    expect(t.marks.get(a)).toMatchObject({ action: 'blur' });
  });

  it('a post re-rendered in another element while its checks are out gets their verdict there too', async () => {
    const t = setup([{ classifier: 'clickbait', action: 'hide' }]);
    const first = element('first');
    const again = element('again');
    t.engine.process(post('1', first, 'You will never guess'));
    t.engine.flush();
    t.engine.process(post('1', again, 'You will never guess'));
    t.engine.flush();
    expect(t.asked.classify).toHaveLength(1);
    await t.answerClassify([[0.99]]);
    expect(t.marks.get(first)).toMatchObject({ action: 'hide' });
    expect(t.marks.get(again)).toMatchObject({ action: 'hide' });
  });

  it('the same post read again unchanged is not judged again; the remembered verdict serves re-renders', () => {
    const t = setup([{ words: 'spiders', action: 'collapse' }]);
    const a = element('a');
    expect(t.engine.process(post('1', a, 'spiders'))).toBe(true);
    expect(t.engine.process(post('1', a, 'spiders'))).toBe(false);
    const recycled = element('b');
    expect(t.engine.process(post('1', recycled, 'spiders'))).toBe(true);
    expect(t.marks.get(recycled)).toMatchObject({ action: 'collapse' });
  });

  it('judges a post again when its text fills in later (a few times at most)', () => {
    const t = setup([{ words: 'spiders', action: 'collapse' }]);
    const a = element('a');
    t.engine.process(post('1', a, ''));
    expect(t.marks.get(a)).toBeNull();
    t.engine.process(post('1', a, 'huge spiders'));
    expect(t.marks.get(a)).toMatchObject({ action: 'collapse' });
    for (let i = 0; i < 10; i++) t.engine.process(post('1', a, i % 2 ? 'spiders' : 'cats'));
    // After five re-judgements the element keeps what it has.
    expect(t.engine.process(post('1', a, 'spiders again'))).toBe(false);
  });

  it('judges a post again when the part of the page it sits in shows up later ("Discover more")', () => {
    const t = setup([{ kinds: ['suggested'], action: 'hide' }]);
    const a = element('a');
    t.engine.process({ ...post('1', a, 'a tweet'), kinds: ['original'] });
    expect(t.marks.get(a)).toBeNull();
    const underHeading = {
      ...post('1', a, 'a tweet'),
      kinds: ['original', 'suggested'] as const,
      section: 'discover-more',
    };
    expect(t.engine.process(underHeading)).toBe(true);
    expect(t.marks.get(a)).toMatchObject({ action: 'hide' });
    expect(t.engine.process(underHeading)).toBe(false);
  });

  it('judges a post again when its images change, without asking about images already seen', async () => {
    const t = setup([{ imageExamples: [{ hash: '00000000000000ff' }], action: 'hide' }]);
    t.hashes.set('https://img/a.jpg', 'ffffffffffffff00');
    t.hashes.set('https://img/b.jpg', '00000000000000fe');
    const el = element('a');
    const a = { src: 'https://img/a.jpg' };
    t.engine.process(post('1', el, 'photo', [a]));
    t.engine.flush();
    await t.answerHashes();
    expect(t.marks.get(el)).toBeNull();
    t.engine.process(post('1', el, 'photo', [a, { src: 'https://img/b.jpg' }]));
    t.engine.flush();
    expect(t.asked.hashes).toEqual([['https://img/a.jpg'], ['https://img/b.jpg']]);
    await t.answerHashes();
    expect(t.marks.get(el)).toMatchObject({ action: 'hide', reason: 'an image like one you hid' });
  });

  it('image content: the image models are asked once per image, and their view decides', async () => {
    const t = setup([{ words: 'dogs', lookIn: ['image-content'], action: 'blur' }]);
    t.views.set('https://img/dog.jpg', { scores: null, objects: [{ label: 'dog', score: 0.8 }] });
    const a = element('a');
    const b = element('b');
    const dog = { src: 'https://img/dog.jpg' };
    t.engine.process(post('1', a, 'my friend', [dog]));
    t.engine.process(post('2', b, 'same photo', [dog]));
    t.engine.flush();
    await t.flushed();
    expect(t.asked.looks).toEqual([['https://img/dog.jpg']]);
    expect(t.marks.get(a)).toMatchObject({ action: 'blur', reason: 'dogs (in an image)' });
    expect(t.marks.get(b)).toMatchObject({ action: 'blur' });
  });

  it('a post the user chose to show stays shown: re-rendered, re-read and after its text changes', () => {
    const t = setup([{ words: 'spiders', action: 'collapse' }]);
    const a = element('a');
    t.engine.process(post('1', a, 'spiders'));
    t.click(a);
    expect(t.reporter.modified.has('1')).toBe(false);
    t.marks.set(a, 'shown');
    const again = element('again');
    t.engine.process(post('1', again, 'spiders'));
    expect(t.marks.get(again)).toBe('shown');
    expect(t.engine.process(post('1', again, 'more spiders'))).toBe(false);
    expect(t.marks.get(again)).toBe('shown');
  });

  it('new filters forget every verdict but "shown"', () => {
    const t = setup([{ words: 'spiders', action: 'collapse' }]);
    const a = element('a');
    const b = element('b');
    t.engine.process(post('1', a, 'spiders'));
    t.engine.process(post('2', b, 'cats'));
    t.click(a);
    t.engine.configure({
      filters: [FilterSchema.parse({ id: 'g', words: 'cats, spiders', action: 'hide' })],
      site: 'x',
      cloudProcessing: false,
    });
    const a2 = element('a2');
    const b2 = element('b2');
    t.engine.process(post('1', a2, 'spiders'));
    t.engine.process(post('2', b2, 'cats'));
    expect(t.marks.get(a2)).toBe('shown');
    expect(t.marks.get(b2)).toMatchObject({ action: 'hide' });
  });

  it('an element recycled for another post while the first waited does not get the first one’s verdict', async () => {
    const t = setup([{ classifier: 'offensive', action: 'hide' }]);
    const a = element('a');
    t.engine.process(post('1', a, 'rude words'));
    t.engine.flush();
    t.engine.process(post('2', a, 'kind words'));
    t.engine.flush();
    await t.answerClassify([[0.99]]);
    await t.answerClassify([[0.01]]);
    expect(t.marks.get(a)).toBeNull();
  });

  it('blurs faces in the images of posts a face filter takes, and only those', () => {
    const t = setup([{ words: 'protest', action: 'blur-faces' }]);
    t.engine.process(post('1', element('a'), 'a protest', [{ src: 'https://img/p.jpg' }]));
    t.engine.process(post('2', element('b'), 'a picnic', [{ src: 'https://img/q.jpg' }]));
    expect(t.asked.faces).toEqual(['https://img/p.jpg']);
  });

  it('text read from images later (cloud) makes a verdict stronger, never weaker', async () => {
    const t = setup(
      [
        { words: 'sale', lookIn: ['image-text'], action: 'hide' },
        { words: 'photo', action: 'blur' },
      ],
      true,
    );
    (t.services.readImageText as ReturnType<typeof vi.fn>).mockResolvedValue(['BIG SALE today']);
    const a = element('a');
    t.engine.process(post('1', a, 'a photo', [{ src: 'https://img/s.png' }]));
    expect(t.marks.get(a)).toMatchObject({ action: 'blur' });
    await t.flushed();
    expect(t.marks.get(a)).toMatchObject({ action: 'hide', reason: 'sale (text in image)' });
  });

  it("never looks up a post's images when no filter looks at images (finding them costs as much as reading the post)", async () => {
    const t = setup([
      { words: 'spiders', action: 'hide' },
      { classifier: 'offensive', action: 'collapse' },
    ]);
    const a = element('a');
    const unread = {
      ...post('1', a, 'a rude post'),
      get images(): FakeImage[] {
        throw new Error('images looked up');
      },
    };
    t.engine.process(unread);
    t.engine.flush();
    await t.answerClassify([[0.9]]);
    expect(t.marks.get(a)).toMatchObject({ action: 'collapse' });
  });

  it('knows when a filter expires', () => {
    const expiresAt = Date.now() + 60_000;
    const t = setup([{ words: 'a', action: 'hide', expiresAt }]);
    expect(t.engine.expiresBy(expiresAt - 1)).toBe(false);
    expect(t.engine.expiresBy(expiresAt)).toBe(true);
  });
});

describe('FeedEngine: learned filters', () => {
  it("judges by a learned filter's model with no request, and hands the view the post's text and author", () => {
    const table = { docs: 1000, counts: {} };
    const learned = storeLearned(
      [{ mark: 'hide', features: learnedFeatures('tarantula venom explained') }],
      table,
    );
    const got: Array<{ text: string; author: string }> = [];
    const { view, marks } = fakeView();
    const apply = view.apply;
    view.apply = (element, verdict, show, facts) => {
      got.push(facts);
      apply(element, verdict, show, facts);
    };
    const services = fakeServices();
    const engine = new FeedEngine<FakeElement, FakeImage>(services.services, view, fakeReporter());
    engine.configure({
      filters: [FilterSchema.parse({ id: 'like', action: 'collapse', learned })],
      site: 'x',
      cloudProcessing: false,
    });
    const element = { name: 'a' };
    engine.process({ ...post('1', element, 'a tarantula in my shoe'), author: '@ann' });
    engine.flush();
    expect(services.asked.classify).toEqual([]);
    expect(got).toEqual([{ text: 'a tarantula in my shoe', author: '@ann' }]);
    expect(marks.get(element)).toMatchObject({ action: 'collapse', reason: 'like posts you marked' });
  });
});
