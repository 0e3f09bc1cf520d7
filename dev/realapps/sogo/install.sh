#!/usr/bin/env bash
# Installs SOGo 5.8 and what it needs from Debian's packages (idempotent): SOGo itself, Dovecot for
# IMAP, memcached, nginx in front of sogod, and PostgreSQL 15 for its profile and user tables.
# Services are never started by the packages here (policy-rc.d); start.sh runs them on loopback.
set -euo pipefail

PACKAGES=(sogo dovecot-imapd memcached nginx-light postgresql-15 postgresql-client-15)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "sogo: installing ${missing[*]} from Debian's packages" >&2
  # An update only when the lists are missing or a package is unknown to them.
  apt-cache policy "${missing[@]}" 2>/dev/null | grep -q 'Candidate: (none)' && apt-get update -qq
  [ -n "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock | grep -v partial)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
