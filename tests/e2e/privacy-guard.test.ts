import { describe, expect, it } from 'vitest';
import { documentTexts, wireProblems } from './privacy-guard.ts';

describe('documentTexts (what the privacy check looks for on the wire)', () => {
  it('reads long texts from markup, attributes and script strings, and image addresses apart', () => {
    const html = `<html><head><style>.a { color: red; } .b > .c { margin: 0 }</style>
      <script>window.__data = {"title":"Ten things my cat did while I was out","id":"abc"};</script></head>
      <body><shreddit-post post-title="Why my sourdough never rises the second time" content-href="https://i.redd.it/x1.jpg">
      <p>Just finished my first marathon &amp; I can&#39;t feel my legs</p><button>Show original</button>
      <img src="//pbs.twimg.com/media/abc.jpg"></shreddit-post></body></html>`;
    const { texts, addresses } = documentTexts(html);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Ten things my cat did while I was out',
        'Why my sourdough never rises the second time',
        "Just finished my first marathon & I can't feel my legs",
      ]),
    );
    // Short labels and style rules are not a post's text.
    expect(texts).not.toContain('Show original');
    expect(texts.some((text) => text.includes('color: red'))).toBe(false);
    expect(addresses).toEqual(
      expect.arrayContaining(['https://i.redd.it/x1.jpg', 'https://pbs.twimg.com/media/abc.jpg']),
    );
  });
});

describe('wireProblems (the rules the check applies to recorded traffic)', () => {
  const post = 'Just finished my first marathon and I cannot feel my legs';
  const image = 'https://i.redd.it/abc123.jpg';
  const request = (text: string, target = '127.0.0.1:8787', at = 1000) => ({ at, target, text });
  const check = (sent: ReturnType<typeof request>[], { cloud = false, foreign = [] as string[] } = {}) =>
    wireProblems({
      sent,
      pageTexts: [post],
      imageAddresses: [image],
      cloudOnAt: () => cloud,
      foreignHosts: foreign,
      allowedHosts: new Set(['i.redd.it']),
    });

  it('finds a post text in any request, escaped or not, whatever cloud processing says', () => {
    const put = request(`PUT /v1/filters HTTP/1.1\r\nhost: x\r\n\r\n${JSON.stringify({ words: post })}`);
    expect(check([put])).toEqual([
      `PUT /v1/filters HTTP/1.1 to 127.0.0.1:8787 carries a page's text "${post}"`,
    ]);
    expect(check([put], { cloud: true })).toHaveLength(1);
    const query = request(`GET /v1/packs/x?q=${encodeURIComponent(post)} HTTP/1.1\r\n\r\n`);
    expect(check([query])).toHaveLength(1);
  });

  it('lets image addresses go in jobs with cloud processing on only, and no job at all with it off', () => {
    const job = request(
      `POST /v1/jobs HTTP/1.1\r\n\r\n{"type":"faces","image":{"kind":"url","url":"${image}"}}`,
    );
    expect(check([job], { cloud: true })).toEqual([]);
    expect(check([job])).toEqual([
      'POST /v1/jobs HTTP/1.1 to 127.0.0.1:8787: a job sent while cloud processing was off',
      `POST /v1/jobs HTTP/1.1 to 127.0.0.1:8787 carries an image address ${image}`,
    ]);
    const elsewhere = request(`POST /v1/breakage HTTP/1.1\r\n\r\n{"seen":"${image}"}`);
    expect(check([elsewhere], { cloud: true })).toHaveLength(1);
    // Fetching the image from its own host is not sending it anywhere.
    expect(check([request('GET /abc123.jpg HTTP/1.1\r\n\r\n', 'i.redd.it')])).toEqual([]);
  });

  it("lets the lab's deep score carry the creator's title with cloud processing on, and image bytes never elsewhere", () => {
    const deep = request(`POST /v1/jobs HTTP/1.1\r\n\r\n{"type":"thumb","title":"${post}"}`);
    expect(check([deep], { cloud: true })).toEqual([]);
    expect(check([request('POST /v1/lists HTTP/1.1\r\n\r\n{"x":"/9j/4AAQSkZJRgABAQ"}')])).toHaveLength(1);
  });

  it("names hosts nothing serves, but not the sites' own nor the browser's own services", () => {
    expect(
      check([], { foreign: ['collector.example:443', 'i.redd.it:443', 'update.googleapis.com:443'] }),
    ).toEqual([
      "the browser asked collector.example:443, which is neither a site the pages use, a fixture nor Veneer's server",
    ]);
  });
});
