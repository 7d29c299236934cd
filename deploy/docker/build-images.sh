#!/usr/bin/env bash
# Builds the container image of every Pitwall service (or of the modules named) with deploy/docker/Dockerfile,
# tagged with the Maven version:  REGISTRY/pitwall/<module>:<version>
#
#   deploy/docker/build-images.sh --version 0.1.0 [--registry registry.example.com] [--push true] [module ...]
#
# ./mvnw -pl deploy -Pdocker package runs it with the project's version. Needs a Docker engine with BuildKit.
set -euo pipefail

version=""
registry="localhost:5000"
push="false"
modules=()
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version=$2; shift 2 ;;
        --registry) registry=$2; shift 2 ;;
        --push) push=$2; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) modules+=("$1"); shift ;;
    esac
done
if [ -z "$version" ]; then
    echo "--version is required (the Maven project version)" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ ${#modules[@]} -eq 0 ]; then
    mapfile -t modules < <(awk '!/^#/ && NF { print $1 }' deploy/docker/services.txt)
fi

for module in "${modules[@]}"; do
    image="${registry:+$registry/}pitwall/$module:$version"
    echo "== $image"
    docker build -f deploy/docker/Dockerfile --build-arg SERVICE="$module" --build-arg VERSION="$version" \
        -t "$image" .
    if [ "$push" = "true" ]; then
        docker push "$image"
    fi
done
