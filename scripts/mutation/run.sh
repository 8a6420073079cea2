#!/usr/bin/env bash
# Runs the chunks that plan.mjs queued, one after another, each on a fresh export of HEAD (so tests
# committed meanwhile count, and an unfinished test in the working tree cannot fail Stryker's dry
# run). Start two, with different names, to use both cores: they take turns at the queue.
# Each finished chunk leaves QUEUE/result-chunk-NN.json; merge.cjs adds them up.
# Usage: scripts/mutation/run.sh NAME [QUEUE]   (touch QUEUE/stop to end after the current chunk)
set -u
name=$1
repo=$(git rev-parse --show-toplevel)
queue=$(cd "$repo" && realpath "${2:-.stryker-queue}")
tree=$(mktemp -d "/tmp/mutate-$name-XXXX")
for chunk in "$queue"/chunk-*.txt; do
  id=$(basename "$chunk" .txt)
  [ -f "$queue/stop" ] && break
  mkdir "$queue/lock-$id" 2>/dev/null || continue
  rm -rf "$tree" && mkdir -p "$tree" && (cd "$repo" && git archive HEAD | tar -x -C "$tree")
  ln -s "$repo/node_modules" "$tree/node_modules"
  (cd "$tree" && npx graphql-codegen > /dev/null 2>&1)
  echo "$(date +%T) $name starts $id at $(git -C "$repo" rev-parse --short HEAD)" >> "$queue/log"
  # QUEUE/chunk-NN.tests, if there, names the spec files to run (see vitest.mutation.config.ts).
  tests=$(cat "$queue/$id.tests" 2>/dev/null)
  (cd "$tree" && MUTATION_TESTS="$tests" npx stryker run --mutate "$(cat "$chunk")" > "$queue/$id.log" 2>&1)
  status=$?
  [ $status -eq 0 ] && cp "$tree/reports/stryker-incremental.json" "$queue/result-$id.json"
  echo "$(date +%T) $name ends $id, exit $status" >> "$queue/log"
done
rm -rf "$tree"
