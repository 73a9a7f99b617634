#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are present for the tests' throwaway cluster (Debian's
# postgresql-15). Installs them when missing and running as root; otherwise names the package and fails.
# DIGIGRAM_TEST_POSTGRESQL=skip makes the test run skip PostgreSQL instead (e.g. a Windows workstation).
set -eu
[ "${DIGIGRAM_TEST_POSTGRESQL:-}" = "skip" ] && exit 0
for v in 15 16 17; do
  [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && exit 0
done
command -v initdb >/dev/null 2>&1 && exit 0
if ! command -v dpkg >/dev/null 2>&1; then
  echo "PostgreSQL's server (initdb, postgres) is needed for the tests: install PostgreSQL 15 or later," >&2
  echo "or run the tests with DIGIGRAM_TEST_POSTGRESQL=skip." >&2
  exit 1
fi
if [ "$(id -u)" = "0" ]; then
  echo "Installing PostgreSQL 15 for the tests' throwaway cluster"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
else
  echo "The tests need PostgreSQL's server, which is missing. Install it as root:" >&2
  echo "  sudo apt-get install postgresql-15" >&2
  exit 1
fi
