#!/usr/bin/env bash
# A real streaming replica of the local PostgreSQL server, for the throughput benchmark with a read replica:
# a second cluster on port 5433, made from the primary by pg_basebackup, following it by WAL streaming.
#
#   bash bench/replica_setup.sh            # make it (again) and start it
#   bash bench/replica_setup.sh remove     # stop and drop it
#
# Then: DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/microcred_bench .venv/bin/python bench/throughput.py
# Only for a development or benchmark machine: it trusts local replication connections.
set -euo pipefail
VERSION=${PG_VERSION:-$(ls /etc/postgresql | sort -n | tail -1)}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
NAME=replica
DATA=/var/lib/postgresql/$VERSION/$NAME
HBA=/etc/postgresql/$VERSION/main/pg_hba.conf

if pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME"; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" stop || true
  pg_dropcluster "$VERSION" "$NAME"
fi
[ "${1:-}" = remove ] && { echo "replica removed"; exit 0; }

# The primary must accept replication connections from this machine.
if ! grep -Eq '^host\s+replication\s+all\s+127\.0\.0\.1/32' "$HBA"; then
  echo "host replication all 127.0.0.1/32 trust" >> "$HBA"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" main reload
fi

pg_createcluster "$VERSION" "$NAME" --port "$REPLICA_PORT" >/dev/null
cp "$HBA" "/etc/postgresql/$VERSION/$NAME/pg_hba.conf"  # the same (local, trusting) access as the primary
rm -rf "$DATA" && install -d -o postgres -g postgres -m 700 "$DATA"
su postgres -c "pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D $DATA -R -X stream --checkpoint=fast"
pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc "SELECT 'replica on port $REPLICA_PORT, in recovery: ' || pg_is_in_recovery()"
psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc \
  "SELECT 'primary streams to: ' || string_agg(client_addr || ' (' || state || ')', ', ') FROM pg_stat_replication"
