#!/usr/bin/env sh
# Measures a subset of the project's JMH benchmarks on OpenJDK 17 and Temurin 25 and writes the
# two JMH JSON files that the main job's speedup section summarizes (data/speedup/).
# Usage: sh bench/jdk-suite.sh [output-dir]   (default data/speedup)
set -eu
out=${1:-data/speedup}
mvn -q -DskipTests test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
CP=target/test-classes:target/classes:$(cat cp.txt)
# One moderate size per benchmark, so that both JDKs finish in a few minutes on 2 cores.
SUITE='SpeedupBenchmark|CapsuleForwardBenchmark|DkmStepBenchmark|SecureMemBench.(sha256Node|hmacBlock|aesBlock)'
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  case $jdk in *17*) name=jdk17 ;; *) name=jdk25 ;; esac
  "$jdk/bin/java" -cp "$CP" org.openjdk.jmh.Main "$SUITE" -p batch=8 -p mode=ELIMINATED \
    -f 1 -wi 3 -i 5 -w 1s -r 1s -tu us -jvm "$jdk/bin/java" -rf json -rff "$out/jmh-$name.json"
done
