// Splits the files that `npm run mutate` has no results for yet into chunks of about the same
// size (code lines, a mutant a line or so), one file per chunk in QUEUE (default .stryker-queue),
// for run.sh to take one at a time. Usage: node scripts/mutation/plan.mjs [QUEUE] [LINES]
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [queue = '.stryker-queue', lines = '380'] = process.argv.slice(2);
const recorded = new Set(Object.keys(JSON.parse(readFileSync('reports/stryker-incremental.json', 'utf8')).files));
const sources = execSync("git ls-files 'src/rdf/*.ts' 'src/graphql/*.ts' 'src/http/*.ts'", { encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter((file) => !file.startsWith('src/graphql/generated/') && !recorded.has(file));
const isCode = (line) => line !== '' && !/^(\/\/|\*|\/\*|import |export type |type |interface )/.test(line);
const chunks = [[]];
let size = 0;
for (const file of sources) {
  const code = readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter(isCode).length;
  if (size + code > Number(lines) && chunks.at(-1).length > 0) {
    chunks.push([]);
    size = 0;
  }
  chunks.at(-1).push(file);
  size += code;
}
mkdirSync(queue, { recursive: true });
chunks.forEach((files, index) => writeFileSync(join(queue, `chunk-${String(index).padStart(2, '0')}.txt`), files.join(',')));
console.log(`${sources.length} files without results, in ${chunks.length} chunks under ${queue}/`);
