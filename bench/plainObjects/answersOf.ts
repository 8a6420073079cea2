/**
 * The whole HTTP response body of each benchmark question, as text, from one
 * GraphQL endpoint: what the byte check compares (see requireSameAnswers).
 * Sent as the load generator sends them (a JSON POST, no compression asked),
 * so the bytes compared are the bytes it measures. An answer with errors, or
 * without data, fails here: two servers failing alike are no match.
 */
import type { BenchmarkQuery } from '../benchmarkQueries.js';

/** By question key (a, b, c, d), the body text; throws on an answer other than 200 with data and no errors. */
export async function answersOf(graphqlUrl: string, queries: readonly BenchmarkQuery[]): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const { key, query } of queries) {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (response.status !== 200 || answer.errors !== undefined || answer.data === null || answer.data === undefined) throw new Error(`Question ${key} at ${graphqlUrl} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
    answers.set(key, text);
  }
  return answers;
}
