import { userInfo } from 'node:os';

/** The name of the user running the command, to record as the publisher of direct writes; `USER` when the system has no entry for them. */
export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
