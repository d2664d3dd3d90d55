#!/usr/bin/env bash
# A two-shard ClickHouse cluster on 127.0.0.1 for summarySql's tests: two clickhouse-server processes, each
# with its own data path, tmp dir, log and ports, and a remote_servers entry `rk_two_shards` naming both.
#
#   scripts/clickhouse-cluster.sh start|stop|status
#
# Everything (configs, data, logs, pid files) lives under $RK_CLICKHOUSE_DIR (default
# ${TMPDIR:-/tmp}/retention-kit-clickhouse), never in the repository. Ports: shard 1 tcp 19000, http 18123,
# interserver 19009; shard 2 tcp 19001, http 18124, interserver 19010 (RK_CLICKHOUSE_PORT1 / _PORT2 move the
# tcp ports; the http and interserver ports follow them). `start` is a no-op when both shards answer.
set -euo pipefail

dir="${RK_CLICKHOUSE_DIR:-${TMPDIR:-/tmp}/retention-kit-clickhouse}"
tcp1="${RK_CLICKHOUSE_PORT1:-19000}"
tcp2="${RK_CLICKHOUSE_PORT2:-19001}"
server="$(command -v clickhouse-server || { [ -x /usr/sbin/clickhouse-server ] && echo /usr/sbin/clickhouse-server; } || true)"
client="$(command -v clickhouse-client || true)"

ports_of() { # shard number -> "tcp http interserver"
  local tcp
  if [ "$1" = 1 ]; then tcp="$tcp1"; else tcp="$tcp2"; fi
  echo "$tcp $((tcp - 877)) $((tcp + 9))"
}

answers() { # shard number -> success when SELECT 1 works
  local tcp
  read -r tcp _ _ < <(ports_of "$1")
  [ -n "$client" ] && [ "$("$client" --host 127.0.0.1 --port "$tcp" -q 'SELECT 1' 2>/dev/null)" = 1 ]
}

port_busy() {
  if command -v ss >/dev/null; then ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; else (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; fi
}

write_config() { # shard number
  local n="$1" tcp http inter shard="$dir/shard$1"
  read -r tcp http inter < <(ports_of "$n")
  mkdir -p "$shard/data/" "$shard/tmp/" "$shard/user_files/" "$shard/log"
  cat >"$shard/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$shard/log/server.log</log><errorlog>$shard/log/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$tcp</tcp_port>
  <http_port>$http</http_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$shard/data/</path>
  <tmp_path>$shard/tmp/</tmp_path>
  <user_files_path>$shard/user_files/</user_files_path>
  <format_schema_path>$shard/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <rk_two_shards>
      <shard><replica><host>127.0.0.1</host><port>$tcp1</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$tcp2</port></replica></shard>
    </rk_two_shards>
  </remote_servers>
</yandex>
XML
}

write_users() {
  cat >"$dir/users.xml" <<'XML'
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

start() {
  if [ -z "$server" ] || [ -z "$client" ]; then
    echo "clickhouse-server and clickhouse-client are not installed (apt-get install clickhouse-server clickhouse-client)" >&2
    exit 2
  fi
  if answers 1 && answers 2; then
    echo "cluster already running under $dir"
    return 0
  fi
  mkdir -p "$dir"
  write_users
  for n in 1 2; do
    answers "$n" && continue
    local tcp http inter p
    read -r tcp http inter < <(ports_of "$n")
    for p in "$tcp" "$http" "$inter"; do
      if port_busy "$p"; then
        echo "port $p on 127.0.0.1 is in use (set RK_CLICKHOUSE_PORT$n)" >&2
        stop >/dev/null 2>&1 || true
        exit 1
      fi
    done
    write_config "$n"
    # Started in its own directory, detached; its pid is kept for stop.
    (cd "$dir/shard$n" && exec "$server" --config-file="$dir/shard$n/config.xml" >"$dir/shard$n/log/stdout.log" 2>&1 </dev/null) &
    echo $! >"$dir/shard$n/pid"
  done
  for _ in $(seq 150); do
    if answers 1 && answers 2; then echo "cluster rk_two_shards up: 127.0.0.1:$tcp1, 127.0.0.1:$tcp2 ($dir)"; return 0; fi
    for n in 1 2; do
      if [ -f "$dir/shard$n/pid" ] && ! kill -0 "$(cat "$dir/shard$n/pid")" 2>/dev/null; then
        echo "shard $n exited during start-up:" >&2
        tail -n 20 "$dir/shard$n/log/stdout.log" "$dir/shard$n/log/server.err.log" >&2 2>/dev/null || true
        stop >/dev/null 2>&1 || true
        exit 1
      fi
    done
    sleep 0.1
  done
  echo "cluster did not answer within 15 s; see $dir/shard*/log" >&2
  stop >/dev/null 2>&1 || true
  exit 1
}

stop() {
  local n pid
  for n in 1 2; do
    [ -f "$dir/shard$n/pid" ] || continue
    pid="$(cat "$dir/shard$n/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    fi
    rm -f "$dir/shard$n/pid"
  done
  # Configs and data are disposable: a later start begins afresh. Only what start wrote is removed.
  rm -rf "$dir/shard1" "$dir/shard2" "$dir/users.xml"
  rmdir "$dir" 2>/dev/null || true
  echo "cluster stopped"
}

status() {
  local n rc=0 tcp
  for n in 1 2; do
    read -r tcp _ _ < <(ports_of "$n")
    if answers "$n"; then echo "shard $n: up on 127.0.0.1:$tcp"; else echo "shard $n: down (127.0.0.1:$tcp)"; rc=1; fi
  done
  return "$rc"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
