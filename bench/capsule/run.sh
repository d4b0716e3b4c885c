#!/bin/sh
# Benchmarks the Java functional CapsNet (JMH) against the PyTorch peer on the same weights and
# Fashion-MNIST images, alternating the two for ROUNDS rounds so both see the same machine load.
# Run from the project root: sh bench/capsule/run.sh [rounds]
set -eu
ROUNDS=${1:-3}
MODES=${MODES:-ELIMINATED,PADDED}
OUT=bench/capsule/results
PYTHON=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat cp.txt)"
java -cp "$CP" io.github.archmodels.bench.CapsuleExport target/capsule-peer 64
for round in $(seq 1 "$ROUNDS"); do
    # JMH exits at once when another JMH run holds /tmp/jmh.lock; wait for it rather than overlap.
    until java -cp "$CP" org.openjdk.jmh.Main CapsuleForwardBenchmark -p "mode=$MODES" -f 1 -wi 2 -i 5 \
            -w 2s -r 2s -rf json -rff "$OUT/jmh-round$round.json" > "$OUT/jmh-round$round.log" 2>&1; do
        if ! grep -q "Unable to acquire the JMH lock" "$OUT/jmh-round$round.log"; then
            cat "$OUT/jmh-round$round.log" >&2
            exit 1
        fi
        sleep 15
    done
    "$PYTHON" bench/capsule/capsnet_torch.py target/capsule-peer 2 5 > "$OUT/torch-round$round.txt"
done
"$PYTHON" bench/capsule/summarize.py "$OUT" "$ROUNDS"
