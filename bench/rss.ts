import { readFileSync } from 'node:fs';

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : 0;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Samples the RSS of named processes every `everyMs`. stop() gives the peak, and the growth from the
 * median of the first `edge` samples to the median of the last `edge`. The window at each end must be
 * longer than the garbage collector's sawtooth, or the figure measures where in a swing the ends fell.
 */
export function rssSampler(pids: Record<string, number>, everyMs = 1000, edge = 3) {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
  const cpuAtStart = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const startedAt = Date.now();
  const take = () => {
    for (const [name, pid] of Object.entries(pids)) samples[name]?.push(rssMiB(pid));
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const wallSeconds = (Date.now() - startedAt) / 1000;
      return Object.fromEntries(
        Object.entries(samples).map(([name, values]) => {
          const first = median(values.slice(0, edge));
          const last = median(values.slice(-edge));
          const cpu = cpuSeconds(pids[name] as number) - (cpuAtStart[name] ?? 0);
          const growth = Math.round((last / first - 1) * 1000) / 1000;
          // cpuShare: the fraction of one core the process used while sampled (1 = a core saturated).
          return [
            name,
            {
              samples: values.length,
              firstMiB: first,
              lastMiB: last,
              peakMiB: Math.max(...values),
              growth,
              cpuShare: Math.round((cpu / wallSeconds) * 100) / 100,
            },
          ];
        }),
      ) as Record<
        string,
        { samples: number; firstMiB: number; lastMiB: number; peakMiB: number; growth: number; cpuShare: number }
      >;
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
