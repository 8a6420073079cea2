import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** A pino logger at `level` whose JSON lines are parsed and pushed onto `lines`, for a spec to read what was logged. */
export function recordingLogger<Line>(lines: Line[], level = 'info'): Logger {
  return pino(
    { level },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Line);
        done();
      },
    }),
  );
}
