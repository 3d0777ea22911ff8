#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS_PER_HARNESS]   (default 60)
# Exits non-zero when a harness finds a crash, leak or sanitizer error.
set -euo pipefail
seconds=${1:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RCODEX_FUZZ_BUILD:-$top/build-fuzz}

CC=clang cmake -S "$top" -B "$build" -DRCODEX_FUZZ=ON -DRCODEX_BUILD_PLUGIN=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" >/dev/null
harnesses="fuzz_message fuzz_packet_decode fuzz_capture"
targets=$(for h in $harnesses; do
  if grep -q "$h" "$build/fuzz/Makefile" 2>/dev/null; then echo "$h"; fi
done)
cmake --build "$build" -j2 --target $targets >/dev/null

status=0
for harness in $harnesses; do
  exe="$build/fuzz/$harness"
  [ -x "$exe" ] || continue
  corpus="$build/fuzz/corpus-$harness"
  mkdir -p "$corpus"
  seeds="$top/fuzz/corpus/${harness#fuzz_}"
  if [ "$harness" = fuzz_capture ]; then
    # The small sample captures (pcap, pcapng, fragments, TCP) as seeds.
    for f in "$top"/samples/*.pcap "$top"/samples/*.pcapng; do
      if [ "$(wc -c <"$f")" -le 16384 ]; then cp "$f" "$corpus/"; fi
    done
  fi
  echo "fuzzing $harness for ${seconds}s"
  if ! "$exe" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$build/fuzz/$harness-" "$corpus" \
      $( [ -d "$seeds" ] && echo "$seeds" ) 2>"$build/fuzz/$harness.log"; then
    echo "$harness found a problem:"; tail -40 "$build/fuzz/$harness.log"; status=1
  else
    grep -E 'stat::number_of_executed_units|Done' "$build/fuzz/$harness.log" | tail -2
  fi
done
exit $status
