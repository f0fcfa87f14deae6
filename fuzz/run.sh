#!/usr/bin/env bash
# Fuzz every target for a time budget: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Engine (FUZZ_ENGINE=auto|cargo-fuzz|stable, default auto): cargo-fuzz
# (libFuzzer, coverage-guided) when a nightly toolchain and cargo-fuzz are
# both installed, else the stable harness (crates/kehoach-fuzz). Both run
# one fuzzing process at a time under `nice -n 10`, with a 2048 MiB memory
# cap and a 10 s timeout per input.
#
# Seeds are copied from fixtures/ and corpus/ into fuzz/seeds/<target>/
# (rebuilt on every run, not committed); cargo-fuzz keeps what it learns in
# fuzz/corpus/<target>/, which the stable harness reads too. Crashing
# inputs go to fuzz/artifacts/. A crash whose signature is listed in
# fixtures/hostile/fuzz/known.tsv is reported but does not fail the run;
# any other crash makes the script exit 1.
#
# FUZZ_PROFILE=dev|fuzz (stable engine, default dev): dev reuses the build
# of `cargo test` (what CI has just built: no extra compile); fuzz is an
# optimised build of its own in target/fuzz/, faster per input, for long runs.
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${1:-60}
shift || true
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=(decode text_tables pdf docx); fi
ENGINE=${FUZZ_ENGINE:-auto}
PROFILE=${FUZZ_PROFILE:-dev}
SEED=${FUZZ_SEED:-12}
KNOWN=fixtures/hostile/fuzz/known.tsv

dict_of() { case "$1" in decode | text_tables) echo fuzz/dict/text.dict ;; *) echo "fuzz/dict/$1.dict" ;; esac; }

# Seed corpora: every fixture of the target's kind, flattened names.
build_seeds() {
  local t=$1 dir=fuzz/seeds/$1
  rm -rf "$dir" && mkdir -p "$dir" "fuzz/corpus/$t"
  local -a files
  case "$t" in
    decode | text_tables)
      mapfile -t files < <(find corpus fixtures/text fixtures/markdown fixtures/converted \
        -type f \( -name '*.txt' -o -name '*.md' -o -name '*.tsv' \) ! -name README.md | sort) ;;
    pdf)
      mapfile -t files < <(find fixtures/pdf -type f -name '*.pdf' | sort)
      # With qpdf (optional), uncompressed copies too: content streams and
      # object streams in the clear, where byte mutations mean something.
      if command -v qpdf >/dev/null; then
        for f in fixtures/pdf/*.pdf fixtures/pdf/two_level/*.pdf fixtures/pdf/fonts/*.pdf; do
          qpdf --qdf --object-streams=disable "$f" "$dir/qdf_$(basename "$f")" >/dev/null 2>&1 || true
        done
      fi ;;
    docx) mapfile -t files < <(find fixtures/docx -type f \( -name '*.docx' -o -name '*.odt' \) | sort) ;;
  esac
  for f in "${files[@]}"; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
  echo "${#files[@]}"
}

have_cargo_fuzz() {
  rustup run nightly rustc --version >/dev/null 2>&1 && cargo fuzz --version >/dev/null 2>&1
}
if [ "$ENGINE" = auto ]; then
  if have_cargo_fuzz; then ENGINE=cargo-fuzz; else ENGINE=stable; fi
fi

# The stable harness is built in both cases: it also tells known crashes
# from new ones among cargo-fuzz's artifacts.
if [ "$PROFILE" = fuzz ]; then
  PROFILE_ARGS=(--profile fuzz --config 'profile.fuzz.inherits="release"'
    --config 'profile.fuzz.lto=false' --config 'profile.fuzz.codegen-units=16'
    --config 'profile.fuzz.debug=false' --config 'profile.fuzz.debug-assertions=true'
    --config 'profile.fuzz.overflow-checks=true')
  BIN=target/fuzz/kehoach-fuzz
else
  PROFILE_ARGS=()
  BIN=target/debug/kehoach-fuzz
fi
start_build=$(date +%s)
nice -n 10 cargo build -q -p kehoach-fuzz --locked "${PROFILE_ARGS[@]}"
echo "== fuzz: engine $ENGINE, $SECS s per target, stable harness built in $(($(date +%s) - start_build)) s ($PROFILE profile)"

declare -A EXECS CRASHES STATUS
failed=0
for t in "${TARGETS[@]}"; do
  n=$(build_seeds "$t")
  echo "== fuzz $t: $n seeds"
  if [ "$ENGINE" = cargo-fuzz ]; then
    art=fuzz/artifacts/$t
    mkdir -p "$art"
    before=$(mktemp)
    ls "$art" >"$before"
    log=fuzz/artifacts/$t.log
    # Fork mode with one child: crashes, OOMs and timeouts are saved and
    # the run goes on (plain libFuzzer stops at the first one).
    nice -n 10 cargo +nightly fuzz run --fuzz-dir fuzz -a "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$SECS" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
      -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
      -dict="$(dict_of "$t")" -artifact_prefix="$art/" -print_final_stats=1 >"$log" 2>&1 || true
    EXECS[$t]=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    mapfile -t new < <(comm -13 "$before" <(ls "$art") | grep -E '^(crash|oom|timeout|leak)-' | sed "s|^|$art/|")
    rm -f "$before"
    CRASHES[$t]=${#new[@]}
    STATUS[$t]=ok
    if [ ${#new[@]} -gt 0 ]; then
      # Which of them are known: each replayed through the stable harness.
      if "$BIN" repro "$t" "${new[@]}" --known "$KNOWN"; then STATUS[$t]="known crashes only"; else
        STATUS[$t]="NEW CRASH"
        failed=1
      fi
    fi
  else
    out=$(mktemp)
    rc=0
    nice -n 10 "$BIN" fuzz "$t" --corpus "fuzz/seeds/$t" --corpus "fuzz/corpus/$t" \
      --dict "$(dict_of "$t")" --seconds "$SECS" --seed "$SEED" \
      --out fuzz/artifacts/stable --known "$KNOWN" | tee "$out" || rc=$?
    EXECS[$t]=$(grep -oE 'execs=[0-9]+' "$out" | tail -1 | cut -d= -f2 || true)
    CRASHES[$t]=$(grep -oE 'crash_signatures=[0-9]+' "$out" | tail -1 | cut -d= -f2 || true)
    rm -f "$out"
    case $rc in
      0) STATUS[$t]=ok; [ "${CRASHES[$t]:-0}" != 0 ] && STATUS[$t]="known crashes only" ;;
      1) STATUS[$t]="NEW CRASH"; failed=1 ;;
      *) STATUS[$t]="harness error $rc"; failed=1 ;;
    esac
  fi
done

echo "== fuzz summary ($ENGINE, $SECS s per target)"
for t in "${TARGETS[@]}"; do
  printf '  %-12s execs %-9s crashes %-3s %s\n' "$t" "${EXECS[$t]:-?}" "${CRASHES[$t]:-?}" "${STATUS[$t]}"
done
if [ $failed -ne 0 ]; then
  echo "fuzz: a new crash (inputs in fuzz/artifacts/): minimise it, save it under fixtures/hostile/fuzz/, list it in $KNOWN or fix it"
fi
exit $failed
