#!/usr/bin/env bash
# Builds one service and lays out what its container image runs, in OUT_DIR:
#
#   service.jar     the module's own jar (first on the class path, so its logback.xml wins)
#   lib/            its runtime dependencies (maven-dependency-plugin:copy-dependencies, runtime scope)
#   jvm.options     JVM options every Pitwall JVM needs (java @argfile; copied from deploy/docker/jvm.options)
#   main.args       -cp service.jar:lib/* <main class>  (java @argfile; paths relative to OUT_DIR)
#   http.port       the service's default health/metrics port, for the image HEALTHCHECK
#   healthcheck/    io.pitwall.deploy.HealthCheck, compiled from deploy/src/main/java
#
# The image's entry point is then `java @jvm.options @main.args` in OUT_DIR (/app in the image).
#
# Usage, from the repository root:  deploy/docker/assemble.sh MODULE OUT_DIR [extra Maven options, e.g. -o]
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 MODULE OUT_DIR [maven options...]" >&2
    exit 2
fi
module=$1
out=$2
shift 2

line=$(awk -v m="$module" '!/^#/ && $1 == m { print $2, $3 }' deploy/docker/services.txt)
if [ -z "$line" ]; then
    echo "unknown service '$module': not listed in deploy/docker/services.txt" >&2
    exit 2
fi
read -r main_class http_port <<<"$line"

# install, so that the second invocation (module only) resolves its sibling modules to exactly these builds
./mvnw -B -q "$@" -pl "$module" -am install -DskipTests -Djazzer.skip=true
rm -rf "$out"
mkdir -p "$out/lib" "$out/healthcheck"
./mvnw -B -q "$@" -pl "$module" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$(cd "$out" && pwd)/lib"

jar=""
for candidate in "$module"/target/"$module"-*.jar; do
    case "$candidate" in
        *-sources.jar|*-tests.jar|*-javadoc.jar) ;;
        *) jar=$candidate ;;
    esac
done
if [ -z "$jar" ]; then
    echo "no jar of $module in $module/target" >&2
    exit 1
fi
cp "$jar" "$out/service.jar"

cp deploy/docker/jvm.options "$out/jvm.options"
printf -- '-cp service.jar:lib/*\n%s\n' "$main_class" > "$out/main.args"
printf '%s\n' "$http_port" > "$out/http.port"
javac --release 17 -d "$out/healthcheck" deploy/src/main/java/io/pitwall/deploy/HealthCheck.java

echo "assembled $module ($main_class) in $out"
