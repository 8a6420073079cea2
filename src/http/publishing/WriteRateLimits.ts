import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpProblem } from './HttpProblem.js';

/** How many writes a key may make in a window of time. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/** How often one client address, and one publisher's token, may write (validation counts as a write). */
export interface WriteRateLimitOptions {
  /** Per client address, counted before the token is checked, so guessing tokens is slow too. Default 60 a minute. */
  perClient?: RateLimit;
  /** Per publisher, whichever address it writes from. Default 30 a minute. */
  perPublisher?: RateLimit;
}

const defaults = { perClient: { points: 60, durationSeconds: 60 }, perPublisher: { points: 30, durationSeconds: 60 } } as const;

/**
 * Counts writes per client address and per publisher in memory (this one
 * process) and refuses those over the limit with an HttpProblem 429 that
 * says when to try again (`Retry-After`, in whole seconds).
 */
export class WriteRateLimits {
  private readonly perClient: RateLimiterMemory;
  private readonly perPublisher: RateLimiterMemory;

  constructor(options: WriteRateLimitOptions = {}) {
    this.perClient = limiter(options.perClient ?? defaults.perClient, 'client');
    this.perPublisher = limiter(options.perPublisher ?? defaults.perPublisher, 'publisher');
  }

  /** Counts a write from this address; throws the 429 when it is one too many. */
  client(address: string): Promise<void> {
    return consume(this.perClient, address, `from this address`);
  }

  /** Counts a write by this publisher; throws the 429 when it is one too many. */
  publisher(name: string): Promise<void> {
    return consume(this.perPublisher, name, `with this token`);
  }
}

function limiter({ points, durationSeconds }: RateLimit, name: string): RateLimiterMemory {
  if (!Number.isSafeInteger(points) || points < 1 || !Number.isSafeInteger(durationSeconds) || durationSeconds < 1) {
    throw new Error(`WriteRateLimits: the ${name} limit needs whole numbers of points and seconds, at least 1, but got ${JSON.stringify({ points, durationSeconds })}`);
  }
  return new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix: name });
}

async function consume(limiter: RateLimiterMemory, key: string, who: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new HttpProblem(429, 'RATE_LIMITED', `Too many writes ${who}: at most ${limiter.points} every ${limiter.duration} s; try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
  }
}
