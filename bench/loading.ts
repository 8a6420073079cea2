/**
 * Loading: time and heap per triple for our loader (loadDataDirectory on a
 * folder with the synthetic file in one format beside the shipped reference
 * files) against the baseline, n3's N-Triples parse-and-index of the same
 * graph. Every load runs in a fresh process, so heap figures start clean.
 */
import { runScript } from './childProcess.js';
import type { LoadMeasurement } from './measureLoadOnce.js';
import { DATASET_FORMATS, type DatasetFormat, type PreparedDataset } from './prepareDataset.js';
import { median, medianRun } from './stats.js';

/** The baseline's name in the rows. */
export const BASELINE = 'n3 N-Triples (baseline)';

/** One format of one dataset. */
export interface LoadingRow {
  dataset: string;
  format: DatasetFormat | typeof BASELINE;
  quads: number;
  /** Bytes of the synthetic file (of the whole graph's N-Triples file for the baseline). */
  fileBytes: number;
  runs: number[];
  medianMs: number;
  /** Retained heap per quad, of the median run. */
  heapBytesPerQuad: number;
  /** Peak resident memory of the median run's process. */
  maxRssBytes: number;
  /** medianMs ÷ the baseline's. */
  timeRatio: number;
  /** heapBytesPerQuad ÷ the baseline's. */
  heapRatio: number;
}

/**
 * Loads each dataset `runsFor(dataset)` times in each format and as the
 * baseline, interleaved (each round loads every format once), and returns
 * the medians. Throws when a load gives another number of quads than the
 * dataset must have: each format must hold exactly the same graph.
 */
export async function benchmarkLoading(datasets: PreparedDataset[], runsFor: (dataset: PreparedDataset) => number): Promise<LoadingRow[]> {
  const rows: LoadingRow[] = [];
  for (const dataset of datasets) {
    const targets: Array<{ format: LoadingRow['format']; args: string[]; fileBytes: number }> = [
      { format: BASELINE, args: ['baseline', dataset.nTriplesFile], fileBytes: dataset.nTriplesBytes },
      ...DATASET_FORMATS.map((format) => ({ format, args: ['ours', dataset.directories[format]], fileBytes: dataset.bytes[format] })),
    ];
    const measured = new Map<LoadingRow['format'], LoadMeasurement[]>(targets.map(({ format }) => [format, []]));
    for (let round = 0; round < runsFor(dataset); round++) {
      for (const { format, args } of targets) {
        const measurement = await runScript<LoadMeasurement>('measureLoadOnce.ts', args);
        if (measurement.quads !== dataset.expectedQuads) {
          throw new Error(`Loading ${dataset.label} as ${format} gave ${measurement.quads} quads, not the ${dataset.expectedQuads} the dataset has`);
        }
        measured.get(format)!.push(measurement);
      }
    }
    const summaries = targets.map(({ format, fileBytes }) => {
      const runs = measured.get(format)!;
      const middle = medianRun(runs, (run) => run.ms);
      return {
        dataset: dataset.label,
        format,
        quads: dataset.expectedQuads,
        fileBytes,
        runs: runs.map((run) => run.ms),
        medianMs: median(runs.map((run) => run.ms)),
        heapBytesPerQuad: middle.heapBytes / middle.quads,
        maxRssBytes: middle.maxRssBytes,
      };
    });
    const baseline = summaries[0]!;
    for (const summary of summaries) {
      rows.push({ ...summary, timeRatio: summary.medianMs / baseline.medianMs, heapRatio: summary.heapBytesPerQuad / baseline.heapBytesPerQuad });
    }
  }
  return rows;
}
