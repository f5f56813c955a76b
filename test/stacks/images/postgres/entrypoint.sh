#!/bin/sh
# The official image's contract, reduced to what the stacks use: on first
# start, initdb with the given superuser/password and create the database;
# clients must authenticate with a password (scram-sha-256) over TCP.
set -eu

if [ "${1:-}" != "postgres" ]; then
  exec "$@"   # psql, pg_isready, a shell: run as asked
fi

if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
  POSTGRES_PASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
fi
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE}"
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"

mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  password_file="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  chown postgres "$password_file"
  as_postgres initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$password_file"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    as_postgres postgres --single -D "$PGDATA" -c listen_addresses='' postgres >/dev/null <<SQL
CREATE DATABASE "$database" OWNER "$user";
SQL
  fi
  echo "entrypoint: initialised $PGDATA (user $user, database $database)"
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"
