#!/usr/bin/env bash
# Installs what the test suite needs and this machine lacks: Debian's Chromium for the browser
# journeys, ClamAV's clamd for the virus-scanning tests, Poppler's tools for the receipt PDF
# tests and a running PostgreSQL server for the database tests. Idempotent. Prints, as its last
# line, the admin URL of a PostgreSQL server the tests may create databases on.
set -euo pipefail

log() { echo "provision: $*" >&2; }
as_root() {
  if [ "$(id -u)" != 0 ]; then
    log "need root to $1; install it yourself or run as root" >&2
    exit 1
  fi
}
apt_install() {
  as_root "install $*"
  if [ -z "${LOTSE_APT_UPDATED:-}" ]; then apt-get update -qq >&2; export LOTSE_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  log "installing Debian's chromium"
  apt_install chromium
fi

# ClamAV's daemon for the virus-scanning tests, which start it with a test signature of their
# own (its signature downloads are out of reach here). Without it those tests are skipped.
if [ ! -x "${CLAMD_PATH:-/usr/sbin/clamd}" ]; then
  log "installing ClamAV's clamd"
  apt_install --no-install-recommends clamav-daemon
fi

# Poppler's pdftotext and pdftoppm, with which the receipt tests read and render the PDFs.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  log "installing poppler-utils"
  apt_install --no-install-recommends poppler-utils
fi

url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
reachable() { node -e '
  const postgres = (await import("postgres")).default;
  const sql = postgres(process.argv[1], { max: 1, connect_timeout: 3, onnotice: () => {} });
  try { await sql`select 1`; await sql.end(); } catch { process.exit(1); }
' --input-type=module "$1" 2>/dev/null; }

if ! reachable "$url"; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    as_root "create a PostgreSQL cluster"
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster "$version" main >&2
  fi
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do
    if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  # Password authentication over TCP, with a password that exists only for the tests.
  su postgres -c "psql -qc \"alter user postgres password 'lotse-test'\"" >&2
  url="postgres://postgres:lotse-test@127.0.0.1:5432/postgres"
  if ! reachable "$url"; then
    log "PostgreSQL does not answer at $url"
    exit 1
  fi
fi
echo "$url"
