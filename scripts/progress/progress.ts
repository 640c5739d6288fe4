/**
 * Progress of the long phases of `npm run build` and `npm run check`
 * (documents validated, pages rendered, documents indexed).
 *
 * On a terminal each phase is one line, redrawn in place with the count, the
 * elapsed time and an estimate of the time left; phases that run side by side
 * get a line each. In CI and pipes, where redrawing would leave a mess in the
 * log, each phase prints one line when it is done. Quiet prints nothing: errors
 * are reported elsewhere, on stderr.
 */

export interface ProgressPhase {
  /** `count` more items of the phase are done. */
  tick(count?: number): void;
  /** The phase is over (also when it stopped early). Later calls are ignored. */
  done(): void;
}

export interface Progress {
  /** Starts a phase of `total` items, e.g. phase("validated", 2000, "documents"). */
  phase(name: string, total: number, unit: string): ProgressPhase;
}

/** The stream progress is written to; a terminal has isTTY set. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Default: process.stdout. */
  stream?: ProgressStream;
  quiet?: boolean;
  /** Redraw lines in place. Default: the stream is a terminal and CI is not set. */
  interactive?: boolean;
  /** Default: process.env (for CI). */
  env?: Record<string, string | undefined>;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** Least time between two redraws of a terminal line. */
  redrawMs?: number;
}

const noPhase: ProgressPhase = { tick() {}, done() {} };

/** Prints nothing: for --quiet, tests and callers that do not report progress. */
export const silentProgress: Progress = { phase: () => noPhase };

export function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

interface PhaseState {
  name: string;
  unit: string;
  total: number;
  count: number;
  started: number;
  finished?: number;
}

function runningLine(phase: PhaseState, now: number): string {
  const elapsed = now - phase.started;
  const left = phase.count > 0 ? (elapsed / phase.count) * (phase.total - phase.count) : undefined;
  return `${phase.name} ${phase.count} of ${phase.total} ${phase.unit} · ${seconds(elapsed)} · ETA ${left === undefined ? "…" : seconds(left)}`;
}

function doneLine(phase: PhaseState): string {
  const count = phase.count === phase.total ? `${phase.total}` : `${phase.count} of ${phase.total}`;
  return `${phase.name} ${count} ${phase.unit} in ${seconds(phase.finished! - phase.started)}`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  if (options.quiet) return silentProgress;
  const stream = options.stream ?? process.stdout;
  const env = options.env ?? process.env;
  const interactive = options.interactive ?? (stream.isTTY === true && !env.CI);
  const now = options.now ?? (() => performance.now());
  const redrawMs = options.redrawMs ?? 100;

  // Terminal: the phases drawn since the last time every phase was done, and when they were last drawn.
  let block: PhaseState[] = [];
  let drawnLines = 0;
  let lastDraw = -Infinity;
  const draw = (force: boolean) => {
    const time = now();
    if (!force && time - lastDraw < redrawMs) return;
    lastDraw = time;
    let text = drawnLines > 0 ? `\x1b[${drawnLines}A` : "";
    for (const phase of block) text += `\r\x1b[2K${phase.finished === undefined ? runningLine(phase, time) : doneLine(phase)}\n`;
    stream.write(text);
    drawnLines = block.length;
    if (block.every((phase) => phase.finished !== undefined)) {
      block = [];
      drawnLines = 0;
    }
  };

  return {
    phase(name, total, unit) {
      const state: PhaseState = { name, unit, total, count: 0, started: now() };
      if (interactive) {
        block.push(state);
        draw(true);
      }
      return {
        tick(count = 1) {
          if (state.finished !== undefined) return;
          state.count = Math.min(state.total, state.count + count);
          if (interactive) draw(false);
        },
        done() {
          if (state.finished !== undefined) return;
          state.finished = now();
          if (interactive) draw(true);
          else stream.write(`${doneLine(state)}\n`);
        },
      };
    },
  };
}
