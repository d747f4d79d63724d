#!/usr/bin/env bash
# Packages backup-service and runs the backup benchmark; extra arguments go to Maven (-Dbench.size-mb=256 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B verify -pl bench -am -Pbench -DskipTests "$@"
