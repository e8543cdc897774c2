#!/bin/sh
# Refreshes the vendored upstream CustomResourceDefinitions in this folder (data, not code: see README.md).
#
#   ./refresh.sh                  downloads each file from raw.githubusercontent.com at the tag below
#   ./refresh.sh --clones DIR     reads them from local clones instead: DIR/<owner>+<name> (a git directory or a
#                                 work tree holding the tag), for machines without access to GitHub
#
# To move to a newer release, change its tag below, run this, rebuild generator-core (the build derives the
# schemas from these files), run the tests and the kubeconform parity run in bench/README.md, and update the
# table in README.md.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
CLONES=
if [ "${1:-}" = "--clones" ]; then
    CLONES=$2
fi

# project  owner/name  tag  path in the repository
SOURCES='
cert-manager          cert-manager/cert-manager                 v1.21.1  deploy/crds/cert-manager.io_certificates.yaml
cert-manager          cert-manager/cert-manager                 v1.21.1  deploy/crds/cert-manager.io_issuers.yaml
cert-manager          cert-manager/cert-manager                 v1.21.1  deploy/crds/cert-manager.io_clusterissuers.yaml
external-secrets      external-secrets/external-secrets         v2.9.0   config/crds/bases/external-secrets.io_externalsecrets.yaml
external-secrets      external-secrets/external-secrets         v2.9.0   config/crds/bases/external-secrets.io_secretstores.yaml
external-secrets      external-secrets/external-secrets         v2.9.0   config/crds/bases/external-secrets.io_clustersecretstores.yaml
prometheus-operator   prometheus-operator/prometheus-operator   v0.93.0  example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml
prometheus-operator   prometheus-operator/prometheus-operator   v0.93.0  example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml
prometheus-operator   prometheus-operator/prometheus-operator   v0.93.0  example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml
argo-cd               argoproj/argo-cd                          v3.5.1   manifests/crds/application-crd.yaml
argo-cd               argoproj/argo-cd                          v3.5.1   manifests/crds/applicationset-crd.yaml
argo-cd               argoproj/argo-cd                          v3.5.1   manifests/crds/appproject-crd.yaml
'

fetch() { # repo tag path -> stdout
    if [ -n "$CLONES" ]; then
        git -C "$CLONES/$(echo "$1" | tr / +)" show "$2:$3"
    else
        curl -fsSL "https://raw.githubusercontent.com/$1/$2/$3"
    fi
}

echo "$SOURCES" | while read -r project repo tag path; do
    [ -n "$project" ] || continue
    mkdir -p "$HERE/$project"
    fetch "$repo" "$tag" "$path" > "$HERE/$project/$(basename "$path").tmp"
    mv "$HERE/$project/$(basename "$path").tmp" "$HERE/$project/$(basename "$path")"
    echo "$project/$(basename "$path")  <-  $repo@$tag:$path"
done
# every project is Apache-2.0 (see README.md); the licence text and prometheus-operator's NOTICE go with the data
fetch argoproj/argo-cd v3.5.1 LICENSE > "$HERE/LICENSE-Apache-2.0.txt"
fetch prometheus-operator/prometheus-operator v0.93.0 NOTICE > "$HERE/prometheus-operator/NOTICE"
