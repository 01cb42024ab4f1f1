/**
 * Script time by whose script ran, from a Chrome trace of one page (categories `devtools.timeline`
 * and `v8.execute`): the time the page's main thread spent in calls into the scripts of one origin
 * (an extension's `chrome-extension://<id>/`), less the style and layout those calls forced, which
 * is what CDP's ScriptDuration counts for every script together. Taken in the same run as the
 * page's own script time, it is free of the run-to-run noise that comparing two runs suffers.
 * Native work the browser does for those scripts outside their calls (decoding a message before
 * its listener runs) is not attributed: the figure is a floor.
 *
 * Each span's time is read twice: on the wall clock (`dur`), and on the thread's own clock
 * (`tdur`, or `tts` of a begin and end pair): the time the thread ran. On a machine with two cores
 * shared with the browser's other processes (the extension's models, the GPU process), the wall
 * clock also counts the time the page's thread waited for a core, which the thread clock leaves out.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's clock: when the event began, and for how long the thread ran in it (μs). */
  tts?: number;
  tdur?: number;
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
  /** Time the thread ran in the span (μs); the wall time where the trace has no thread clock. */
  cpu: number;
  url: string;
  children: Span[];
}

/** Milliseconds on the wall clock and on the thread's clock. */
export interface ScriptTime {
  ms: number;
  cpuMs: number;
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
      flat.push({
        name: e.name,
        start: e.ts,
        end: e.ts + e.dur,
        cpu: e.tdur ?? e.dur,
        url: urlOf(e),
        children: [],
      });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin)
        flat.push({
          name: begin.name,
          start: begin.ts,
          end: e.ts,
          cpu: begin.tts !== undefined && e.tts !== undefined ? e.tts - begin.tts : e.ts - begin.ts,
          url: urlOf(begin),
          children: [],
        });
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

/** Time inside `span` spent in forced style and layout, or in calls into other origins' scripts (μs). */
function notOwn(span: Span, origin: string): { wall: number; cpu: number } {
  const time = { wall: 0, cpu: 0 };
  for (const child of span.children) {
    if (
      STYLE_AND_LAYOUT.has(child.name) ||
      (SCRIPT_CALLS.has(child.name) && child.url !== '' && !child.url.startsWith(origin))
    ) {
      time.wall += child.end - child.start;
      time.cpu += child.cpu;
    } else {
      const nested = notOwn(child, origin);
      time.wall += nested.wall;
      time.cpu += nested.cpu;
    }
  }
  return time;
}

/**
 * Time the page's main thread spent running scripts of `origin`, on both clocks. With the page's
 * own origin, it is the page's script time less the calls of other origins (an extension's
 * observer callbacks) made inside its tasks.
 */
export function scriptTimeOf(events: readonly TraceEvent[], pageOrigin: string, origin: string): ScriptTime {
  const thread = pageThread(events, pageOrigin);
  if (!thread) throw new Error(`the trace has no script of ${pageOrigin}`);
  let wall = 0;
  let cpu = 0;
  const visit = (span: Span) => {
    if (SCRIPT_CALLS.has(span.name) && span.url.startsWith(origin)) {
      const other = notOwn(span, origin);
      wall += span.end - span.start - other.wall;
      cpu += span.cpu - other.cpu;
      return;
    }
    for (const child of span.children) visit(child);
  };
  for (const root of spansOf(events, thread)) visit(root);
  return { ms: wall / 1000, cpuMs: cpu / 1000 };
}

/** Milliseconds of the page's main thread spent running scripts of `origin` (wall clock). */
export const scriptMsOf = (events: readonly TraceEvent[], pageOrigin: string, origin: string): number =>
  scriptTimeOf(events, pageOrigin, origin).ms;
