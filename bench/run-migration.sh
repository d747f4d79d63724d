#!/usr/bin/env bash
# Packages backup-service, migration-service and verification-service and runs the migration benchmark; extra arguments go to
# Maven (-Dbench.records=200000, -Dbench.size-mb=1024, -Dbench.naive-sample=5000 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B verify -pl bench -am -Pbench -DskipTests -Dbench.suite=migration "$@"
