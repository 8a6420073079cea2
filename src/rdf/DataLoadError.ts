/** What went wrong while reading a data file; `code` names the kind of problem. */
export type DataLoadErrorCode =
  | 'FILE_UNREADABLE'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'SYNTAX_ERROR'
  | 'TOO_DEEP'
  | 'REMOTE_DOCUMENT_REFUSED'
  | 'INVALID_JSON_LD'
  | 'INVALID_IRI'
  | 'INVALID_LITERAL'
  | 'NO_DATA'
  | 'DUPLICATE_GRAPH';

const MAX_MESSAGE_LENGTH = 300;

/**
 * A data file could not be loaded. The message always names the file and the
 * problem, and is cut to a few hundred characters so that a huge bad token
 * never floods a log.
 */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';

  constructor(
    readonly file: string,
    readonly code: DataLoadErrorCode,
    problem: string,
  ) {
    const message = `${file}: ${problem}`;
    super(message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message);
  }
}
