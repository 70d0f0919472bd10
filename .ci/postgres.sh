#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the `postgres` tests and print its URL (`stop`: stop it).
# Installs Debian's server package when it is missing (CI runs as root). Best effort:
# on any failure it prints nothing and the postgres tests skip with a reason.
set -u
DIR=${PGTEST_DIR:-/tmp/khabar-pgtest}
PORT=${PGTEST_PORT:-55432}
find_bin() { ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1; }
if [ -z "$(find_bin initdb)" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 || true
fi
INITDB=$(find_bin initdb); PGCTL=$(find_bin pg_ctl)
[ -n "$INITDB" ] && [ -n "$PGCTL" ] || exit 0
RUN=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || exit 0
  RUN=(runuser -u postgres --)
fi
if [ "${1:-}" = stop ]; then  # `postgres.sh stop`: stop the server this script started
  [ -d "$DIR/data" ] && "${RUN[@]}" "$PGCTL" -D "$DIR/data" stop -m fast >/dev/null 2>&1
  exit 0
fi
rm -rf "$DIR"; mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
"${RUN[@]}" "$INITDB" -D "$DIR/data" -U khabar --auth=trust >/dev/null 2>&1 || exit 0
"${RUN[@]}" "$PGCTL" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 || exit 0
echo "postgresql://khabar@127.0.0.1:$PORT/postgres"
