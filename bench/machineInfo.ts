import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a benchmark ran on, for reading its figures. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  date: string;
  /** 1-minute load average when the benchmark started: above ~0.5 other work was competing for the cores. */
  loadAverageAtStart: number;
}

/** Describes this machine now. */
export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: loadavg()[0]!,
  };
}

/** One line: "AMD EPYC, 2 cores, 23.5 GiB, Node v20.20.2, Linux 6.1, 2025-06-01". */
export function machineLine(machine: MachineInfo): string {
  const memory = `${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB`;
  return `${machine.cpu}, ${machine.cores} cores, ${memory}, Node ${machine.node}, ${machine.os}, ${machine.date.slice(0, 10)}`;
}
