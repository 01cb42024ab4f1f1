/**
 * Script time by whose script ran, from a Chrome trace of one page (categories `devtools.timeline`
 * and `v8.execute`): the time the page's main thread spent in calls into the scripts of one origin
 * (an extension's `chrome-extension://<id>/`), less the style and layout those calls forced, which
 * is what CDP's ScriptDuration counts for every script together. Taken in the same run as the
 * page's own script time, it is free of the run-to-run noise that comparing two runs suffers.
 * Native work the browser does for those scripts outside their calls (decoding a message before
 * its listener runs) is not attributed: the figure is a floor.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Forced style and layout: not script time (ScriptDuration leaves them out too). */
const STYLE_AND_LAYOUT = new Set(['UpdateLayoutTree', 'Layout', 'RecalculateStyles']);
/** Calls into a script, named by the script's address. */
const SCRIPT_CALLS = new Set(['FunctionCall', 'EvaluateScript']);

interface Span {
  name: string;
  start: number;
  end: number;
  url: string;
  children: Span[];
}

const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;
const urlOf = (e: TraceEvent) => e.args?.data?.url ?? '';

/** The thread that ran the page's own scripts: the renderer main thread with most calls from `pageOrigin`. */
function pageThread(events: readonly TraceEvent[], pageOrigin: string): string | null {
  const calls = new Map<string, number>();
  for (const e of events)
    if (SCRIPT_CALLS.has(e.name) && urlOf(e).startsWith(pageOrigin))
      calls.set(threadOf(e), (calls.get(threadOf(e)) ?? 0) + 1);
  let best: string | null = null;
  for (const [thread, count] of calls) if (!best || count > calls.get(best)!) best = thread;
  return best;
}

/** The thread's complete spans (X events, and B/E pairs), nested by time. */
function spansOf(events: readonly TraceEvent[], thread: string): Span[] {
  const flat: Span[] = [];
  const open: TraceEvent[] = [];
  const sorted = events.filter((e) => threadOf(e) === thread).sort((a, b) => a.ts - b.ts);
  for (const e of sorted) {
    if (e.ph === 'X' && e.dur !== undefined)
      flat.push({ name: e.name, start: e.ts, end: e.ts + e.dur, url: urlOf(e), children: [] });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) flat.push({ name: begin.name, start: begin.ts, end: e.ts, url: urlOf(begin), children: [] });
    }
  }
  flat.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Span[] = [];
  const stack: Span[] = [];
  for (const span of flat) {
    while (stack.length > 0 && stack.at(-1)!.end <= span.start) stack.pop();
    (stack.at(-1)?.children ?? roots).push(span);
    stack.push(span);
  }
  return roots;
}

/** Time inside `span` spent in forced style and layout, or in calls into other origins' scripts. */
function notOwn(span: Span, origin: string): number {
  let ms = 0;
  for (const child of span.children) {
    if (STYLE_AND_LAYOUT.has(child.name)) ms += child.end - child.start;
    else if (SCRIPT_CALLS.has(child.name) && child.url !== '' && !child.url.startsWith(origin))
      ms += child.end - child.start;
    else ms += notOwn(child, origin);
  }
  return ms;
}

/** Milliseconds of the page's main thread spent running scripts of `origin`. */
export function scriptMsOf(events: readonly TraceEvent[], pageOrigin: string, origin: string): number {
  const thread = pageThread(events, pageOrigin);
  if (!thread) throw new Error(`the trace has no script of ${pageOrigin}`);
  let micros = 0;
  const visit = (span: Span) => {
    if (SCRIPT_CALLS.has(span.name) && span.url.startsWith(origin)) {
      micros += span.end - span.start - notOwn(span, origin);
      return;
    }
    for (const child of span.children) visit(child);
  };
  for (const root of spansOf(events, thread)) visit(root);
  return micros / 1000;
}
