#!/bin/sh
# Before and after an optimization: SecureMemBound (thread CPU time of a 1M-write pass against the
# JDK-crypto bound) built from commit BEFORE and from the working tree, alternating per round.
# Run from the project root: sh bench/securemem/compare.sh BEFORE [rounds]
set -eu
BEFORE=$1
ROUNDS=${2:-2}
OUT=bench/securemem/results-perf
OLD=target/perf-before
mkdir -p "$OUT"
if [ ! -d "$OLD/target/test-classes" ]; then
    rm -rf "$OLD"
    mkdir -p "$OLD"
    git archive "$BEFORE" pom.xml src | tar -x -C "$OLD"
    (cd "$OLD" && mvn -q -B test-compile)
fi
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
DEPS=$(cat cp.txt)
for round in $(seq 1 "$ROUNDS"); do
    for version in before after; do
        if [ "$version" = before ]; then CP="$OLD/target/test-classes:$OLD/target/classes:$DEPS"
        else CP="target/test-classes:target/classes:$DEPS"; fi
        echo "# $version round $round, load: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/$version-round$round.csv"
        java -Xmx5g -cp "$CP" io.github.archmodels.bench.SecureMemBound 1000000 3 >> "$OUT/$version-round$round.csv"
    done
done
tail -n +1 "$OUT"/*.csv
