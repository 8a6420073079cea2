// The mutation score of each folder in reports/stryker-incremental.json (and of each file, with
// a folder as argument): killed and timed out over all but ignored mutants, as Stryker counts it.
// Usage: node scripts/mutation/score.cjs [src/graphql]
const report = require('../../reports/stryker-incremental.json');
const folder = process.argv[2];
const counts = new Map();
const count = (key, status) => {
  const entry = counts.get(key) ?? { files: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  if (status === undefined) entry.files++;
  else if (status in entry) entry[status]++;
  counts.set(key, entry);
};
for (const [file, { mutants }] of Object.entries(report.files)) {
  const key = folder !== undefined && file.startsWith(`${folder}/`) ? file : file.split('/').slice(0, 2).join('/');
  count(key);
  for (const { status } of mutants) count(key, status);
}
for (const [key, c] of [...counts].sort()) {
  const scored = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  const score = scored === 0 ? 'n/a' : `${((100 * (c.Killed + c.Timeout)) / scored).toFixed(1)}%`;
  console.log(`${key}: ${score} of ${scored} mutants (${c.files} files; ${c.Killed} killed, ${c.Timeout} timed out, ${c.Survived} survived, ${c.NoCoverage} not covered)`);
}
