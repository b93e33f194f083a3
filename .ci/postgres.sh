# Sourced by .ci/run as root: start a throwaway PostgreSQL on loopback, export
# TEST_POSTGRES_URL for `make test`, and stop and remove it when the run exits.

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
postgres_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
postgres_dir=$(mktemp -d)
# Any free port on loopback: another PostgreSQL may already hold the usual one.
postgres_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
chown postgres "$postgres_dir"

as_postgres() { su postgres -s /bin/sh -c "$*"; }
as_postgres "$postgres_bin/initdb -D $postgres_dir/data -A trust -U postgres" >/dev/null
as_postgres "$postgres_bin/pg_ctl -D $postgres_dir/data -l $postgres_dir/log -w start \
  -o '-c listen_addresses=127.0.0.1 -p $postgres_port -k $postgres_dir'" >/dev/null
trap 'as_postgres "$postgres_bin/pg_ctl -D $postgres_dir/data -m fast -w stop" >/dev/null;
      rm -rf "$postgres_dir"' EXIT

as_postgres "$postgres_bin/createdb -h 127.0.0.1 -p $postgres_port workshop_test"
export TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$postgres_port/workshop_test"
