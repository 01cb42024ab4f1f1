import { describe, expect, it } from 'vitest';
import { scriptMsOf, scriptTimeOf, type TraceEvent } from './trace-attribution.ts';

const PAGE = 'https://x.com';
const EXT = 'chrome-extension://abc/';

/** A complete event on the page's main thread (pid 1), times in ms. */
const span = (name: string, at: number, ms: number, url?: string, tid = 1): TraceEvent => ({
  name,
  ph: 'X',
  ts: at * 1000,
  dur: ms * 1000,
  pid: 1,
  tid,
  args: url ? { data: { url } } : {},
});

describe('scriptMsOf', () => {
  it("adds up the calls into the origin's scripts, less the style and layout they forced", () => {
    const events = [
      span('FunctionCall', 0, 10, `${PAGE}/home`),
      span('Layout', 2, 3),
      span('EvaluateScript', 20, 4, `${EXT}content-scripts/x.js`),
      span('FunctionCall', 30, 6, `${EXT}content-scripts/x.js`),
      span('UpdateLayoutTree', 31, 1),
      span('Layout', 33, 2),
    ];
    expect(scriptMsOf(events, PAGE, EXT)).toBeCloseTo(4 + 6 - 1 - 2);
  });

  it("finds the origin's calls inside the page's tasks (observer callbacks), counted once", () => {
    const events = [
      span('FunctionCall', 0, 20, `${PAGE}/home`),
      span('RunMicrotasks', 12, 6),
      span('FunctionCall', 12, 5, `${EXT}content-scripts/x.js`),
      span('FunctionCall', 13, 1, `${EXT}content-scripts/x.js`),
      // A page listener the extension's call set off synchronously is the page's time.
      span('FunctionCall', 15, 1.5, `${PAGE}/home`),
    ];
    expect(scriptMsOf(events, PAGE, EXT)).toBeCloseTo(5 - 1.5);
  });

  it('reads begin and end pairs, and only the thread that ran the page', () => {
    const events: TraceEvent[] = [
      span('FunctionCall', 0, 1, `${PAGE}/home`),
      { name: 'FunctionCall', ph: 'B', ts: 5000, pid: 1, tid: 1, args: { data: { url: `${EXT}x.js` } } },
      { name: 'FunctionCall', ph: 'E', ts: 7500, pid: 1, tid: 1 },
      // The extension's own documents run elsewhere (another thread): not the page's time.
      span('FunctionCall', 0, 50, `${EXT}offscreen.html`, 2),
    ];
    expect(scriptMsOf(events, PAGE, EXT)).toBeCloseTo(2.5);
  });

  it("reads the thread's clock too: time the thread waited for a core is not the script's", () => {
    const cpu = (event: TraceEvent, ms: number): TraceEvent => ({ ...event, tts: event.ts, tdur: ms * 1000 });
    const events: TraceEvent[] = [
      cpu(span('FunctionCall', 0, 20, `${PAGE}/home`), 12),
      cpu(span('FunctionCall', 5, 6, `${EXT}content-scripts/x.js`), 4),
      cpu(span('Layout', 6, 2), 1),
      {
        name: 'FunctionCall',
        ph: 'B',
        ts: 30_000,
        tts: 100,
        pid: 1,
        tid: 1,
        args: { data: { url: `${EXT}x.js` } },
      },
      { name: 'FunctionCall', ph: 'E', ts: 33_000, tts: 2100, pid: 1, tid: 1 },
    ];
    expect(scriptTimeOf(events, PAGE, EXT)).toEqual({ ms: 6 - 2 + 3, cpuMs: 4 - 1 + 2 });
    // The page's own: its call less the extension's call inside it.
    expect(scriptTimeOf(events, PAGE, PAGE)).toEqual({ ms: 20 - 6, cpuMs: 12 - 4 });
  });

  it('says so when the trace has nothing of the page', () => {
    expect(() => scriptMsOf([span('FunctionCall', 0, 1, `${EXT}x.js`)], PAGE, EXT)).toThrow(/no script/);
  });
});
