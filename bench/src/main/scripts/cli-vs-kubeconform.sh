#!/bin/sh
# Whole-process validation of the same files by kubeconform and by kforge's command line, in alternating rounds of
# hyperfine (each round runs every command; rounds take turns, so a change of load on the machine falls on both).
#
#   src/main/scripts/cli-vs-kubeconform.sh KUBECONFORM SCHEMAS CRD-SCHEMAS DIR [ROUNDS]
#
# KUBECONFORM: the binary; SCHEMAS: the Kubernetes schemas in kubeconform's layout (KubeconformParity writes them to
# target/parity/schemas-1.32); CRD-SCHEMAS: openapi2jsonschema.py's output for the upstream CRDs; DIR: the manifests
# (ValidateBench writes 10,000 objects to target/objects). Run from bench/ after building cli/ (cli/target/kforge.jar,
# cli/target/kforge.jsa, cli/target/kforge). Prints each command's median over all rounds and kforge's ratio to kubeconform.
set -eu
KUBECONFORM=$1 SCHEMAS=$2 CRDS=$3 DIR=$4 ROUNDS=${5:-5}
JAR=../cli/target/kforge.jar LAUNCHER=../cli/target/kforge
OUT=target/cli-vs-kubeconform
mkdir -p "$OUT"
KC="$KUBECONFORM -strict -summary -kubernetes-version 1.32.0 -schema-location $SCHEMAS/{{.ResourceKind}}{{.KindSuffix}}.json -schema-location $CRDS/{{.Group}}-{{.ResourceKind}}_{{.ResourceAPIVersion}}.json $DIR"
i=1
while [ "$i" -le "$ROUNDS" ]; do
    hyperfine -N -i -w 1 -r 3 --export-json "$OUT/round-$i.json" \
        -n kubeconform "$KC" \
        -n "kforge (plain java -jar)" "java -jar $JAR validate --no-policy $DIR" \
        -n "kforge (launcher: CDS archive, C1, serial GC)" "sh $LAUNCHER validate --no-policy $DIR" \
        -n "kforge with the policy rules (launcher)" "sh $LAUNCHER validate $DIR" \
        > /dev/null
    i=$((i + 1))
done
python3 - "$OUT" <<'PY'
import json, glob, statistics, sys
times = {}
for f in sorted(glob.glob(sys.argv[1] + "/round-*.json")):
    for r in json.load(open(f))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
base = statistics.median(times["kubeconform"])
for name, t in times.items():
    m = statistics.median(t)
    print(f"{name:42s} median {m:6.2f} s  (min {min(t):.2f}, max {max(t):.2f}, {len(t)} runs)  {m / base:4.2f}x kubeconform")
PY
