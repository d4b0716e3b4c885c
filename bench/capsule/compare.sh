#!/bin/sh
# Before and after an optimization: JMH of the Java forward pass built from commit BEFORE and from
# the working tree, then the PyTorch peer, alternating in every round so all three see similar load.
# Run from the project root: sh bench/capsule/compare.sh BEFORE [rounds]
set -eu
BEFORE=$1
ROUNDS=${2:-2}
MODES=${MODES:-ELIMINATED,PADDED}
OUT=bench/capsule/results-perf
PYTHON=${PYTHON:-/usr/bin/python3}
OLD=target/perf-before
rm -rf "$OLD" "$OUT"
mkdir -p "$OLD" "$OUT/before" "$OUT/after"
git archive "$BEFORE" pom.xml src | tar -x -C "$OLD"
(cd "$OLD" && mvn -q -B test-compile)
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
DEPS=$(cat cp.txt)
java -cp "target/test-classes:target/classes:$DEPS" io.github.archmodels.bench.CapsuleExport target/capsule-peer 64
for round in $(seq 1 "$ROUNDS"); do
    for version in before after; do
        if [ "$version" = before ]; then CP="$OLD/target/test-classes:$OLD/target/classes:$DEPS"
        else CP="target/test-classes:target/classes:$DEPS"; fi
        LOG="$OUT/$version/jmh-round$round.log"
        # JMH exits at once when another JMH run holds /tmp/jmh.lock; wait for it rather than overlap.
        until java -cp "$CP" org.openjdk.jmh.Main CapsuleForwardBenchmark -p "mode=$MODES" -f 1 -wi 2 -i 5 \
                -w 2s -r 2s -rf json -rff "$OUT/$version/jmh-round$round.json" > "$LOG" 2>&1; do
            if ! grep -q "Unable to acquire the JMH lock" "$LOG"; then
                cat "$LOG" >&2
                exit 1
            fi
            sleep 15
        done
    done
    "$PYTHON" bench/capsule/capsnet_torch.py target/capsule-peer 2 5 > "$OUT/after/torch-round$round.txt"
    cp "$OUT/after/torch-round$round.txt" "$OUT/before/torch-round$round.txt"
done
echo "before ($BEFORE)"
"$PYTHON" bench/capsule/summarize.py "$OUT/before" "$ROUNDS"
echo "after ($(git rev-parse --short HEAD))"
"$PYTHON" bench/capsule/summarize.py "$OUT/after" "$ROUNDS"
