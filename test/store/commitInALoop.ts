// A child process for FolderStore.test.ts: opens the store in argv[2] and commits to it until killed,
// printing `committed {slug} {version}` once each commit has resolved.
import { createHash, randomInt } from 'node:crypto';
import { FolderStore } from '../../src/store/FolderStore.js';

const store = await FolderStore.open(process.argv[2] ?? '', { staleLockMs: 2_000 });
process.stdout.write('opened\n');
for (;;) {
  const slug = ['alpha', 'beta-2'][randomInt(2)] ?? 'alpha';
  const last = (await store.history(slug))?.versions.at(-1);
  const withdraw = last !== undefined && last.activity !== 'withdraw' && randomInt(5) === 0;
  const lines = Array.from({ length: randomInt(1, 3_000) }, (_, index) => `<https://example.org/${slug}/${index}> <https://example.org/p> "${randomInt(1e9)}" .\n`);
  const content = withdraw ? null : lines.sort().join('');
  const version = (last?.version ?? 0) + 1;
  await store.commit(
    slug,
    {
      version,
      created: new Date().toISOString(),
      publisher: 'loop',
      activity: withdraw ? 'withdraw' : 'publish',
      triples: withdraw ? 0 : lines.length,
      sha256: content === null ? null : createHash('sha256').update(content).digest('hex'),
      added: 0,
      removed: 0,
    },
    content,
  );
  process.stdout.write(`committed ${slug} ${version}\n`);
}
