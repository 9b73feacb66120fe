#!/usr/bin/env bash
# Starts a replicated CarbonX on this machine: three cluster nodes and a gateway on loopback, on the embedded demo
# configuration plus a cluster section (nodes on ports 20000-20029). The gateway listens where the single-node demo
# does (FIX 9880, HTTP 8080); the nodes log to <folder>/node-N.log. Ctrl-C stops all four.
#
#   scripts/cluster-local.sh [folder]      (default: ./cluster-demo; build first: mvn -q -B install -DskipTests)
#
# Kill a node (kill -9 on its pid, printed below) to watch the gateway go on trading with a new leader; start it again
# with the same command to watch it catch up. See docs/cluster.md.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=server/target/carbonx-server.jar
folder=${1:-cluster-demo}
if [ ! -f "$jar" ]; then
    echo "cluster-local: $jar is missing: build it first with mvn -q -B install -DskipTests" >&2
    exit 1
fi
mkdir -p "$folder"
config=$folder/cluster.yaml
{
    cat server/src/main/resources/carbonx-default.yaml
    printf '\ncluster:\n  members:\n'
    for n in 0 1 2; do
        printf '    - { id: %d, host: 127.0.0.1, basePort: %d }\n' "$n" $((20000 + 10 * n))
    done
} > "$config"

pids=()
stop() {
    trap - EXIT INT TERM
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT INT TERM
for n in 0 1 2; do
    node=(java -jar "$jar" --config "$config" --demo --data "$folder/node-$n" --cluster-node "$n")
    "${node[@]}" >> "$folder/node-$n.log" 2>&1 &
    pids+=($!)
    echo "cluster-local: node $n started, pid $!, log $folder/node-$n.log; to start it again after a kill:"
    echo "    ${node[*]} >> $folder/node-$n.log 2>&1 &"
done
java -jar "$jar" --config "$config" --demo --data "$folder/gateway" &
pids+=($!)
wait "${pids[3]}"
