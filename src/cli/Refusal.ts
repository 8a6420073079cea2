import { PublishError } from '../publish/PublishError.js';
import type { ValidationReport } from '../publish/ValidationReport.js';

/**
 * A request the server or the store refused (a 4xx, or a 5xx from the
 * server), with its message and, for a failed validation, the report. The
 * `dataset` command exits 1 and shows it.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';

  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly report: ValidationReport | null = null,
  ) {
    super(message);
  }

  /** The same refusal as the HTTP route would answer for a PublishError. */
  static of(error: PublishError): Refusal {
    return new Refusal(error.status, error.message, error.code, error.details.report ?? null);
  }
}
