// Adds the results of every chunk that run.sh finished (QUEUE/result-chunk-NN.json) to
// reports/stryker-incremental.json: each chunk's own files are taken from its run. Test ids are
// numbered per run, so a chunk's ids are mapped to the report's by test file and test name.
// Usage: node scripts/mutation/merge.cjs [QUEUE]
const fs = require('node:fs');
const path = require('node:path');

const queue = process.argv[2] ?? '.stryker-queue';
const reportPath = 'reports/stryker-incremental.json';
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const idOf = new Map();
for (const [file, { tests }] of Object.entries(report.testFiles)) for (const test of tests) idOf.set(`${file}\u0000${test.name}`, test.id);
let nextId = 1 + Math.max(0, ...[...idOf.values()].map(Number));

for (const name of fs.readdirSync(queue).filter((name) => /^result-chunk-\d+\.json$/.test(name)).sort()) {
  const chunk = name.slice('result-'.length, -'.json'.length);
  const files = fs.readFileSync(path.join(queue, `${chunk}.txt`), 'utf8').trim().split(',');
  const run = JSON.parse(fs.readFileSync(path.join(queue, name), 'utf8'));
  const ours = new Map();
  for (const [file, testFile] of Object.entries(run.testFiles)) {
    for (const test of testFile.tests) {
      const key = `${file}\u0000${test.name}`;
      let id = idOf.get(key);
      if (id === undefined) {
        id = String(nextId++);
        report.testFiles[file] ??= { tests: [], source: testFile.source };
        report.testFiles[file].tests.push({ ...test, id });
        idOf.set(key, id);
      }
      ours.set(test.id, id);
    }
  }
  const mapIds = (ids) => ids?.map((id) => ours.get(id));
  let merged = 0;
  for (const file of files) {
    if (run.files[file] === undefined) continue; // no mutants (types only)
    const result = structuredClone(run.files[file]);
    for (const mutant of result.mutants) {
      for (const key of ['killedBy', 'coveredBy']) {
        if (mutant[key] === undefined) continue;
        mutant[key] = mapIds(mutant[key]);
        if (mutant[key].includes(undefined)) throw new Error(`${name}: a test id of ${file} is not in its own test list`);
      }
    }
    report.files[file] = result;
    merged++;
  }
  console.log(`${chunk}: ${merged} of ${files.length} files`);
}
fs.writeFileSync(reportPath, JSON.stringify(report, null, 2));
