import { readFileSync } from 'node:fs';

/** The parts of a V8 CPU profile (`--cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives, in words: a package, Node itself, V8's own work, or this repository. */
function areaOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 and native code (program)';
  if (!url) return `native (${functionName || 'anonymous'})`;
  const pkg = url
    .match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)
    ?.at(-1)
    ?.replace('node_modules/', '');
  if (pkg) return pkg;
  if (url.startsWith('node:')) {
    const module = url
      .replace(/^node:(internal\/)?(deps\/)?/, '')
      .split('/')
      .slice(0, 2)
      .join('/');
    return `node: ${module}`;
  }
  const local = url.match(/\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|platform)\/src\//);
  return local ? `this repository: ${local[1]}` : url;
}

/**
 * Self time of a CPU profile by area, as shares of the time the process was busy (idle left out),
 * leaving out the first `skipMs` (start-up: loading modules, building the schema).
 * Returns rows sorted by share, largest first.
 */
export function summarizeProfile(profile: CpuProfile, skipMs = 0): { area: string; ms: number; percent: number }[] {
  const areaById = new Map(profile.nodes.map((n) => [n.id, areaOf(n.callFrame.url, n.callFrame.functionName)]));
  const micros = new Map<string, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsed += delta;
    if (elapsed < skipMs * 1000) return;
    const area = areaById.get(id) ?? 'unknown';
    micros.set(area, (micros.get(area) ?? 0) + delta);
  });
  micros.delete('idle');
  const busy = [...micros.values()].reduce((a, b) => a + b, 0) || 1;
  return [...micros.entries()]
    .map(([area, us]) => ({ area, ms: Math.round(us / 1000), percent: +((us / busy) * 100).toFixed(1) }))
    .sort((a, b) => b.ms - a.ms);
}

export function formatSummary(title: string, rows: ReturnType<typeof summarizeProfile>, top = 15): string {
  const busyMs = rows.reduce((n, r) => n + r.ms, 0);
  return [
    `${title} (busy ${busyMs} ms; self time by area)`,
    ...rows.slice(0, top).map((r) => `  ${r.percent.toFixed(1).padStart(5)}%  ${r.area}`),
  ].join('\n');
}

export const readProfile = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

// `npx tsx bench/src/profile-summary.ts file.cpuprofile…` prints a summary of each profile.
if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('Usage: npx tsx bench/src/profile-summary.ts <file.cpuprofile>…');
    process.exit(2);
  }
  for (const file of files) console.log(formatSummary(file, summarizeProfile(readProfile(file))), '\n');
}
