#!/bin/sh
# Runs the clustering benchmarks and writes their output next to this script.
# Needs: mvn -q test-compile and
#   mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
set -e
cd "$(dirname "$0")/../.."
CP="target/test-classes:target/classes:$(cat cp.txt)"
OUT=bench/clustering
java -Xmx4g -cp "$CP" io.github.archmodels.bench.DkmStepCheck > $OUT/java-check.txt
/usr/bin/python3 $OUT/dkm_step.py --threads 2 65536 262144 1048576 4194304 > $OUT/torch-sweep.txt
/usr/bin/python3 $OUT/dkm_step.py --threads 1 65536 262144 1048576 4194304 > $OUT/torch-sweep-1thread.txt
for n in 65536 262144 1048576 4194304; do
  java -Xmx6g -cp "$CP" io.github.archmodels.bench.DkmStepCheck $n 10
done > $OUT/java-sweep.txt
java -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main DkmStepBenchmark \
  -p weights=65536,262144,1048576,4194304 -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgs -Xmx6g \
  -rf csv -rff $OUT/jmh-dkm-step.csv > $OUT/jmh-dkm-step.txt
java -Xmx12g -cp "$CP" io.github.archmodels.bench.EdkmStoreCheck 4096 4096 8 > $OUT/edkm-store-check.txt
java -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main EdkmStoreBenchmark -f 1 -wi 1 -i 3 \
  -jvmArgs -Xmx12g -rf csv -rff $OUT/jmh-edkm-store.csv > $OUT/jmh-edkm-store.txt
