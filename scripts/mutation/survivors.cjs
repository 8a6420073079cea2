// Writes reports/mutation-survivors.md: every mutant in reports/stryker-incremental.json that no
// test noticed (survived) or no test ran (not covered), file by file, with the line it changes.
// reports/mutation-equivalents.md says why many of them cannot be killed; the rest are listed here
// so none goes unseen. Usage: node scripts/mutation/survivors.cjs
const { writeFileSync } = require('node:fs');
const report = require('../../reports/stryker-incremental.json');

const unnoticed = new Set(['Survived', 'NoCoverage']);
const cell = (text) => `\`${text.replace(/\s+/g, ' ').trim().slice(0, 70).replaceAll('`', "'")}\``;
const lines = [
  '# Mutants no test notices',
  '',
  'Made by `node scripts/mutation/survivors.cjs` from `reports/stryker-incremental.json`. Each row is one',
  'mutant that survived every test that ran it, or that no test ran ("not covered"). Reasons why',
  'many are equivalent (no caller can tell them from the original) are in',
  '[mutation-equivalents.md](mutation-equivalents.md).',
  '',
];
let total = 0;
for (const [file, { mutants, source }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const rows = mutants
    .filter(({ status }) => unnoticed.has(status))
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  if (rows.length === 0) continue;
  total += rows.length;
  const sourceLines = source.split('\n');
  lines.push(`## ${file} (${rows.length})`, '', '| where | status | mutator | replacement | line |', '|---|---|---|---|---|');
  for (const { location, status, mutatorName, replacement = '' } of rows) {
    const { line, column } = location.start;
    const where = `${line}:${column}`;
    lines.push(`| ${where} | ${status === 'NoCoverage' ? 'not covered' : 'survived'} | ${mutatorName} | ${cell(replacement)} | ${cell(sourceLines[line - 1] ?? '')} |`);
  }
  lines.push('');
}
lines.splice(7, 0, `${total} mutants in all.`, '');
writeFileSync('reports/mutation-survivors.md', `${lines.join('\n')}\n`);
console.log(`${total} mutants written to reports/mutation-survivors.md`);
