/**
 * What grows faster than the archive in a growth run: the phases of a build and
 * the kinds of page it writes, each as time per document from one size to the
 * largest. A part whose time per document grows is what makes a larger archive
 * dearer per document (a publisher's listing that made its key figures on
 * every page cost the build their square: docs/performance-log.md, "a
 * publisher's key figures once").
 */

export interface GrowthSize {
  /** Documents in the corpus. */
  n: number;
  /** The build's wall time, in milliseconds. */
  wallMs: number;
  /** Milliseconds by part: phases ("validate", "pages" …) and page kinds ("pages: publisher" …). */
  parts: Readonly<Record<string, number>>;
}

export interface GrowingPart {
  name: string;
  /** Milliseconds per document at the first size compared and at the largest. */
  from: number;
  to: number;
}

export interface Growth {
  fromN: number;
  toN: number;
  allowance: number;
  minShare: number;
  parts: GrowingPart[];
}

/**
 * The parts whose time per document grows by more than `allowance` (a fraction) from `sizes[first]` to the last
 * size, largest growth first. Only parts that take at least `minShare` of the largest build's wall time count: a part
 * of a few milliseconds swings by more than any allowance. `first` is 1 when there are three sizes or more, since the
 * smallest build's fixed costs (a registry's publishers, the threads' start) weigh on its time per document.
 */
export function growingParts(sizes: readonly GrowthSize[], allowance = 0.25, minShare = 0.01): Growth | undefined {
  if (sizes.length < 2) return undefined;
  const start = sizes[sizes.length >= 3 ? 1 : 0]!;
  const end = sizes.at(-1)!;
  const parts: GrowingPart[] = [];
  for (const [name, ms] of Object.entries(end.parts)) {
    const before = start.parts[name];
    if (before === undefined || before <= 0 || ms < end.wallMs * minShare) continue;
    const from = before / start.n;
    const to = ms / end.n;
    if (to > from * (1 + allowance)) parts.push({ name, from, to });
  }
  parts.sort((a, b) => b.to / b.from - a.to / a.from || a.name.localeCompare(b.name));
  return { fromN: start.n, toN: end.n, allowance, minShare, parts };
}

/** The report's line for `growingParts`' answer. */
export function growingPartsLine(growth: Growth): string {
  const scope = `N = ${growth.fromN} → ${growth.toN}, parts of ${growth.minShare * 100} % of the build or more`;
  const limit = `${growth.allowance * 100} %`;
  if (!growth.parts.length) return `info  no phase or page kind's time per document grows by more than ${limit} (${scope})`;
  const listed = growth.parts.map((part) => `${part.name} ${part.from.toFixed(2)} → ${part.to.toFixed(2)} ms (×${(part.to / part.from).toFixed(1)})`);
  return `info  time per document grows by more than ${limit} (${scope}): ${listed.join(", ")}`;
}
