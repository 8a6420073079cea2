import type { PrepareInput } from '../publish/prepareDataset.js';
import { kg } from '../rdf/vocabulary.js';
import type { WriteResult } from '../publish/Publisher.js';
import type { ValidationReport } from '../publish/ValidationReport.js';
import type { DatasetHistory, VersionRecord } from '../store/DatasetStore.js';
import { CliFailure } from './CliFailure.js';
import type { DatasetClient, DatasetDiff } from './DatasetClient.js';
import { Refusal } from './Refusal.js';

/** The longest error body quoted in a message when the server's answer is not the JSON it should be. */
const MAX_QUOTED_BODY = 300;

/** A DatasetClient that speaks the server's /datasets routes at `baseUrl`, with a bearer token when one is given. */
export class HttpDatasetClient implements DatasetClient {
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly token: string | null,
  ) {
    let base: URL;
    try {
      base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    } catch {
      throw new CliFailure(`the server URL "${baseUrl}" is not a URL; give one such as http://localhost:4000`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new CliFailure(`the server URL "${baseUrl}" is not http: or https:`);
    }
    this.base = base;
  }

  async validate(input: PrepareInput): Promise<{ triples: number | null }> {
    const answer = await this.request('POST', `datasets/${encodeURIComponent(input.slug)}/validate`, rdfBody(input));
    const triples = (answer.body as { triples?: unknown }).triples;
    return { triples: typeof triples === 'number' ? triples : null };
  }

  async publish(input: PrepareInput): Promise<WriteResult> {
    const answer = await this.request('PUT', `datasets/${encodeURIComponent(input.slug)}`, rdfBody(input));
    return writeResultOf(answer);
  }

  async withdraw(slug: string): Promise<{ dataset: string; version: number | null }> {
    await this.request('DELETE', `datasets/${encodeURIComponent(slug)}`);
    // A 204 has no body: the version the withdrawal made is the history's last.
    const { versions } = await this.history(slug);
    const last = versions.at(-1);
    return { dataset: kg.dataset(slug).value, version: last?.activity === 'withdraw' ? last.version : null };
  }

  async history(slug: string): Promise<DatasetHistory> {
    const { body } = await this.request('GET', `datasets/${encodeURIComponent(slug)}/versions`);
    const versions = (body as { versions?: unknown } | null)?.versions;
    if (!Array.isArray(versions)) throw unexpected('GET', 'versions', body);
    return { slug, versions: versions as VersionRecord[] };
  }

  async diff(slug: string, from: number, to: number): Promise<DatasetDiff> {
    const { body } = await this.request('GET', `datasets/${encodeURIComponent(slug)}/diff?from=${from}&to=${to}`);
    const { added, removed } = (body ?? {}) as { added?: unknown; removed?: unknown };
    if (!Array.isArray(added) || !Array.isArray(removed)) throw unexpected('GET', 'diff', body);
    return { added: added as string[], removed: removed as string[] };
  }

  async rollback(slug: string, version: number): Promise<WriteResult> {
    const answer = await this.request('POST', `datasets/${encodeURIComponent(slug)}/rollback`, {
      contentType: 'application/json',
      data: JSON.stringify({ version }),
    });
    return writeResultOf(answer);
  }

  async close(): Promise<void> {}

  /** Sends one request; resolves with a 2xx answer's parsed JSON body (null when empty), throws Refusal for any other status. */
  private async request(
    method: string,
    path: string,
    body?: { contentType: string; data: Uint8Array | string },
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
    if (body) headers['content-type'] = body.contentType;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(body && { body: body.data }) });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new CliFailure(`cannot reach the server at ${this.base.origin}: ${cause}`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok) {
      if (parsed === undefined) throw unexpected(method, path, text);
      return { status: response.status, body: parsed };
    }
    throw refusalOf(response, parsed, text);
  }
}

function rdfBody(input: PrepareInput): { contentType: string; data: Uint8Array } {
  return { contentType: input.mediaType, data: input.body };
}

/** A write's answer as a WriteResult; the status says whether the dataset is new. */
function writeResultOf({ status, body }: { status: number; body: unknown }): WriteResult {
  const answer = (body ?? {}) as Partial<WriteResult>;
  if (typeof answer.version !== 'number') throw unexpected('write', 'datasets', body);
  return {
    status: status as WriteResult['status'],
    dataset: String(answer.dataset),
    version: answer.version,
    triples: answer.triples ?? 0,
    etag: answer.etag ?? null,
    unchanged: answer.unchanged ?? false,
    added: answer.added ?? 0,
    removed: answer.removed ?? 0,
  };
}

/** The server's error answer `{error, code?, report?}` as a Refusal; a body of another shape is quoted. */
function refusalOf(response: Response, parsed: unknown, text: string): Refusal {
  const answer = (parsed ?? {}) as { error?: unknown; code?: unknown; report?: unknown };
  const message =
    typeof answer.error === 'string'
      ? answer.error
      : `the server answered ${response.status} ${response.statusText}${text === '' ? '' : `: ${text.slice(0, MAX_QUOTED_BODY)}`}`;
  const report = typeof answer.report === 'object' && answer.report !== null ? (answer.report as ValidationReport) : null;
  return new Refusal(response.status, message, typeof answer.code === 'string' ? answer.code : null, report);
}

function unexpected(method: string, path: string, body: unknown): CliFailure {
  const shown = typeof body === 'string' ? body : JSON.stringify(body);
  return new CliFailure(`the server's answer to ${method} ${path} is not what this command understands: ${String(shown).slice(0, MAX_QUOTED_BODY)}`);
}
