#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench.sh: `make bench`, framescope's speed as ratios against baselines
# (a raw ptrace loop, gdb, eu-stack) measured in the same run.
#
# Every figure is a ratio to something timed a moment before on the same
# machine, so a goal means the same on any machine; none is an absolute
# threshold.  A goal that is not met is reported, not an error: the script
# fails (exit 1) only when a tool is missing or a run errors.
#
# Environment: BUILD (default build); BENCH_STEPS (200000), BENCH_DEPTH
# (10000), BENCH_FUNCS (100000), BENCH_RECORD (1000000, the instructions
# recorded) to make a quick trial run smaller;
# BENCH_REPS (3) runs of each short command, whose median is taken;
# BENCH_REPS_FIRST (21) pairs of runs of framescope with and without one
# bt for the first bt's figure, whose few milliseconds the noise of
# start-up would hide;
# BENCH_REPS_LONG (3) long runs of bench_raw and of framescope's stepi,
# whose ratio is the one with a goal (gdb's, over a minute, runs once);
# BENCH_SECTIONS ("1 2 3 4 5 6 7 8 9") the sections to run, e.g. "4" for the
# attach figures alone (section bodies are not indented under their test);
# BENCH_PAGE_STEPS (100000) the steps of the page of section 6.
# framescope's persistent cache is kept in the run's own directory
# (XDG_CACHE_HOME), so that the user's cache neither helps nor changes; the
# attach section times it cold and warm.

set -u

BUILD=${BUILD:-build}
STEPS=${BENCH_STEPS:-200000}
DEPTH=${BENCH_DEPTH:-10000}
FUNCS=${BENCH_FUNCS:-100000}
REPS=${BENCH_REPS:-3}
REPS_LONG=${BENCH_REPS_LONG:-3}
REPS_FIRST=${BENCH_REPS_FIRST:-21}
CC=${CC:-gcc}
SECTIONS=${BENCH_SECTIONS:-1 2 3 4 5 6 7 8 9}
PAGE_STEPS=${BENCH_PAGE_STEPS:-100000}
RECORD=${BENCH_RECORD:-1000000}

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
case $BUILD in
/*) ;;
*) BUILD=$ROOT/$BUILD ;;
esac
FS=$BUILD/framescope
RAW=$BUILD/bench_raw
SAMPLES=$ROOT/samples/bin

die()
{
	echo "bench: $*" >&2
	exit 1
}

# Tools first: a missing one is the script's failure, not a slow result.
for t in gdb eu-stack "$CC" awk sort date xargs; do
	command -v "$t" >/dev/null 2>&1 ||
	    die "$t not found (make deps installs gdb and elfutils)"
done
for f in "$FS" "$RAW" "$SAMPLES/counter-O0"; do
	[ -x "$f" ] || die "$f not built (make all samples $BUILD/bench_raw)"
done
case $(date +%N) in
*N* | '') die "date +%N unsupported: GNU date (coreutils) needed" ;;
esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench.XXXXXX") || die "mktemp failed"
XDG_CACHE_HOME=$TMP/cache
export XDG_CACHE_HOME
unset FRAMESCOPE_NO_CACHE
COUNTER=
cleanup()
{
	if [ -n "$COUNTER" ]; then
		kill "$COUNTER" 2>/dev/null
		wait "$COUNTER" 2>/dev/null
		COUNTER=
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

FAILED=0
SUMMARY=$TMP/summary

# section N: whether section N is among those to run.
section()
{
	case " $SECTIONS " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# run_failed WHAT LOG: reports a run that errored, with the end of its
# output, and makes the whole bench fail at the end; the other sections
# still run, so one broken command does not hide the other figures.
run_failed()
{
	echo "bench: ERROR: $1" >&2
	if [ -s "$2" ]; then
		echo "--- last lines of its output:" >&2
		tail -n 8 "$2" >&2
		echo "---" >&2
	fi
	FAILED=1
}

# timed M LOG CMD ...: runs CMD M times in a row, its output to LOG; T is
# the wall time of one run in ns, less CAL, the cost of the two `date`
# calls themselves.  M > 1 spreads what is left of that cost over M runs,
# for commands of a few milliseconds.  Returns 1 if a run fails.
CAL=0
timed()
{
	_m=$1
	_log=$2
	shift 2
	_j=0
	_rc=0
	_t0=$(date +%s%N)
	while [ "$_j" -lt "$_m" ]; do
		"$@" >"$_log" 2>&1 || { _rc=1 && break; }
		_j=$((_j + 1))
	done
	_t1=$(date +%s%N)
	T=$(((_t1 - _t0 - CAL) / _m))
	return $_rc
}

# median_of X ...: the median of the numbers; the median rather than the
# mean, as one run slowed by the machine's other work should not move the
# figure.
median_of()
{
	printf '%s\n' "$@" | sort -n |
	    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# median N M LOG CMD ...: T is the median of N times of `timed M LOG CMD`.
# Returns 1 if a run fails.
median()
{
	_n=$1
	shift
	_times=
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		timed "$@" || return 1
		_times="$_times $T"
		_i=$((_i + 1))
	done
	# shellcheck disable=SC2086 # one number an argument
	T=$(median_of $_times)
}

# row MEASURE FRAMESCOPE BASELINE RATIO GOAL STATUS: a line of the summary.
row()
{
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$SUMMARY"
}

# calc EXPR: EXPR evaluated in floating point by awk (the shell has only
# integers).
calc()
{
	awk "BEGIN { printf \"%.9g\\n\", $1 }"
}

# fmt_ratio X: a ratio as read in the tables.
fmt_ratio()
{
	awk -v x="$1" 'BEGIN {
		if (x >= 100) printf "%.0fx", x
		else if (x >= 0.1) printf "%.2fx", x
		else printf "%.3fx", x }'
}

# fmt_ms NS: a duration in milliseconds.
fmt_ms()
{
	awk -v t="$1" 'BEGIN { printf (t < 1e7 ? "%.2f ms" : "%.0f ms"), t / 1e6 }'
}

# verdict X OP GOAL: "met" or "NOT met" for X >= GOAL or X <= GOAL.
verdict()
{
	awk -v x="$1" -v op="$2" -v g="$3" 'BEGIN {
		ok = op == ">=" ? x >= g : x <= g
		print ok ? "met" : "NOT met" }'
}

# has LOG PATTERN WHAT: whether the run's output shows it did what was
# asked (an exit status of 0 alone would not catch a program that ended
# early, or a breakpoint never hit); reports the failure if not.
has()
{
	grep -q -- "$2" "$1" && return 0
	run_failed "$3: no '$2' in its output" "$1"
	return 1
}

median 11 1 "$TMP/cal.log" :
CAL=$T

echo "framescope benchmark: $(nproc 2>/dev/null || echo '?') CPUs," \
    "load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "medians of $REPS runs ($REPS_LONG for the long stepi runs of" \
    "bench_raw and framescope); wall times less $(fmt_ms "$CAL") of" \
    "timer overhead"

# The bench programs, -O0 -g as the samples: every function has a frame
# and line information, as in a program being debugged.
for p in steploop deep crunch; do
	"$CC" -O0 -g -o "$TMP/$p" "test/bench/$p.c" ||
	    die "cannot compile test/bench/$p.c"
done
LOOP=$TMP/steploop
DEEP=$TMP/deep
CRUNCH=$TMP/crunch

if section 1; then
# ---------------------------------------------------------------------
echo
echo "== 1. Single-step rate: stepi $STEPS from main in steploop" \
    "(main > outer > middle > inner)"

# stepi_time NAME N K LOG CMD ...: T is the median time of N runs of CMD
# with `break main`, `run`, `stepi K`, CMD being the debugger and its
# options.  The difference between K = $STEPS and K = 1 is the time of
# $STEPS - 1 steps alone, without start-up, breakpoint and exit.  Checks
# the runs did that and no less.
stepi_time()
{
	_name=$1
	_n=$2
	_steps=$3
	_log=$4
	shift 4
	median "$_n" 1 "$_log" "$@" -ex 'break main' -ex run \
	    -ex "stepi $_steps" "$LOOP" || {
		run_failed "$_name break main, run, stepi $_steps" "$_log"
		return 1
	}
	has "$_log" "Breakpoint 1, main" "$_name stepi $_steps" || return 1
	if grep -q -e 'exited' -e 'received signal' "$_log"; then
		run_failed "$_name stepi $_steps: the program left the loop" \
		    "$_log"
		return 1
	fi
}

# step_rate NAME SHORT LONG: RATE is the rate in steps/s from the times
# (ns) of stepi 1 and stepi $STEPS; returns 1 with the error reported if
# there is none.
step_rate()
{
	RATE=
	n=${4:-$STEPS}
	if [ "$3" -le "$2" ]; then
		run_failed "$1: stepi $n timed no slower than stepi 1" \
		    /dev/null
		return 1
	fi
	RATE=$(calc "($n - 1) * 1e9 / ($3 - $2)" |
	    awk '{ printf "%.0f", $1 }')
}

# The raw loop times its own steps, so fork and exec are not counted;
# -s skips the dynamic loader and libc start-up untimed (some 100000
# instructions), so that the steps timed are of the loop, as the
# debuggers' stepi from main are.  Its runs alternate with framescope's,
# $REPS_LONG of each, so that a change in the machine's load falls on both
# sides of the ratio.
FS_SHORT=
if stepi_time framescope "$REPS" 1 "$TMP/fs1.log" "$FS" --batch; then
	FS_SHORT=$T
fi
RAW_RATES=
FS_LONGS=
i=0
while [ "$i" -lt "$REPS_LONG" ]; do
	if "$RAW" -s 120000 "$STEPS" "$LOOP" >"$TMP/raw.log" 2>&1; then
		RAW_RATES="$RAW_RATES $(awk '$1 == "steps" {
		    printf "%.0f", $2 * 1e9 / $4 }' "$TMP/raw.log")"
	else
		run_failed "bench_raw $STEPS $LOOP" "$TMP/raw.log"
		RAW_RATES=
		break
	fi
	[ -n "$FS_SHORT" ] || break
	if stepi_time framescope 1 "$STEPS" "$TMP/fsn.log" "$FS" --batch; then
		FS_LONGS="$FS_LONGS $T"
	else
		FS_SHORT=
	fi
	i=$((i + 1))
done
RAW_RATE=
FS_RATE=
# shellcheck disable=SC2086 # one number an argument
if [ -n "$RAW_RATES" ]; then
	RAW_RATE=$(median_of $RAW_RATES)
	printf '  %-34s %8s steps/s\n' "raw ptrace (bench_raw):" "$RAW_RATE"
fi
# shellcheck disable=SC2086 # one number an argument
if [ -n "$FS_SHORT" ] && [ -n "$FS_LONGS" ] &&
    step_rate framescope "$FS_SHORT" "$(median_of $FS_LONGS)"; then
	FS_RATE=$RATE
fi

# vs_raw RATE: the ratio to the raw loop, or empty without one.
vs_raw()
{
	[ -n "$RAW_RATE" ] && [ -n "$1" ] && calc "$1 / $RAW_RATE"
}

if [ -n "$FS_RATE" ]; then
	r=$(vs_raw "$FS_RATE")
	if [ -n "$r" ]; then
		printf '  %-34s %8s steps/s   framescope/raw %s (goal >= 0.8x: %s)\n' \
		    "framescope:" "$FS_RATE" "$(fmt_ratio "$r")" \
		    "$(verdict "$r" '>=' 0.8)"
		row "stepi rate" "$FS_RATE/s" "raw ptrace $RAW_RATE/s" \
		    "$(fmt_ratio "$r")" ">= 0.8x" "$(verdict "$r" '>=' 0.8)"
	fi
fi
if [ -z "$FS_RATE" ] || [ -z "$RAW_RATE" ]; then
	row "stepi rate" "${FS_RATE:-ERROR}" "raw ptrace ${RAW_RATE:-ERROR}" \
	    "-" ">= 0.8x" "ERROR"
fi

# The snapshots are written to /dev/null: the cost of building and
# formatting them, not of a disk.  --dump's goal is the snapshots a
# second of record export (section 8): 10,000, each spliced from the
# texts of the stop before where the step changed nothing; the single
# step under it is the raw loop's.  One long run each (gdb's alone is
# over a minute).
DUMP_RATE=
# A full snapshot (frames, variables, slots) at every step is some 20 kB
# of JSON a stop: fewer steps measure its rate as well.
DUMP_STEPS=$((STEPS / 20))
if stepi_time "framescope --dump" "$REPS" 1 "$TMP/dump1.log" \
    "$FS" --batch --dump /dev/null &&
    short=$T &&
    stepi_time "framescope --dump" 1 "$DUMP_STEPS" "$TMP/dumpn.log" \
    "$FS" --batch --dump /dev/null &&
    step_rate "framescope --dump" "$short" "$T" "$DUMP_STEPS"; then
	DUMP_RATE=$RATE
	r=$(vs_raw "$DUMP_RATE")
	if [ -n "$r" ]; then
		printf '  %-34s %8s steps/s   framescope/raw %s (goal >= 10000/s: %s)\n' \
		    "framescope --dump /dev/null:" "$DUMP_RATE" \
		    "$(fmt_ratio "$r")" "$(verdict "$DUMP_RATE" '>=' 10000)"
		row "stepi rate, --dump (full)" "$DUMP_RATE/s" \
		    "raw ptrace $RAW_RATE/s" "$(fmt_ratio "$r")" ">= 10000/s" \
		    "$(verdict "$DUMP_RATE" '>=' 10000)"
	fi
fi
if [ -z "$DUMP_RATE" ] || [ -z "$RAW_RATE" ]; then
	row "stepi rate, --dump (full)" "${DUMP_RATE:-ERROR}" \
	    "raw ptrace ${RAW_RATE:-ERROR}" "-" ">= 10000/s" "ERROR"
fi

GDB_RATE=
if stepi_time gdb "$REPS" 1 "$TMP/gdb1.log" gdb -nx -q --batch &&
    short=$T &&
    stepi_time gdb 1 "$STEPS" "$TMP/gdbn.log" gdb -nx -q --batch &&
    step_rate gdb "$short" "$T"; then
	GDB_RATE=$RATE
	r=$(vs_raw "$GDB_RATE")
	printf '  %-34s %8s steps/s   gdb/raw %s' "gdb:" "$GDB_RATE" \
	    "$(fmt_ratio "${r:-0}")"
	if [ -n "$FS_RATE" ]; then
		r=$(calc "$FS_RATE / $GDB_RATE")
		printf ', framescope/gdb %s' "$(fmt_ratio "$r")"
		row "stepi rate vs gdb" "$FS_RATE/s" "gdb $GDB_RATE/s" \
		    "$(fmt_ratio "$r")" "(none)" "-"
	fi
	echo
fi
if [ -z "$GDB_RATE" ] || [ -z "$FS_RATE" ]; then
	row "stepi rate vs gdb" "${FS_RATE:-ERROR}" "gdb ${GDB_RATE:-ERROR}" \
	    "-" "(none)" "ERROR"
fi
fi	# section 1

if section 2; then
# ---------------------------------------------------------------------
echo
echo "== 2. Deep stack: bt at bottom() under $DEPTH recursive calls"

# deep_time NAME K CMD ...: T is the median time of `break bottom`, `run`
# and K times `bt`.  The time of one bt is the difference with K = 0,
# divided by K; K is large for framescope, whose bt is quick, so that the
# difference stands well above the noise of process start-up, and 1 for
# gdb, whose bt takes seconds.
deep_time()
{
	_name=$1
	_k=$2
	shift 2
	_tool=$1
	shift
	_cmd=$*
	set -- -ex 'break bottom' -ex run
	_i=0
	while [ "$_i" -lt "$_k" ]; do
		set -- "$@" -ex bt
		_i=$((_i + 1))
	done
	# gdb takes the program's arguments only after --args.  $_cmd is
	# split into its words on purpose.
	# shellcheck disable=SC2086
	case $_name in
	gdb) set -- $_cmd "$@" --args "$DEEP" "$DEPTH" ;;
	*) set -- $_cmd "$@" "$DEEP" "$DEPTH" ;;
	esac
	median "$REPS" 1 "$TMP/deep.log" "$_tool" "$@" || {
		run_failed "$_name break bottom, run, bt x $_k" "$TMP/deep.log"
		return 1
	}
	has "$TMP/deep.log" "Breakpoint 1, bottom" "$_name break bottom" ||
	    return 1
	# The whole stack, down to main, at each bt.
	if [ "$_k" -gt 0 ]; then
		_n=$(grep -c '^#.* in main ' "$TMP/deep.log")
		[ "$_n" -eq "$_k" ] || {
			run_failed "$_name bt: $_n of $_k backtraces reached main" \
			    "$TMP/deep.log"
			return 1
		}
	fi
}

# bt_time NAME K CMD ...: BT is the time (ns) of one bt, RUN that of the
# run to the breakpoint without bt.
bt_time()
{
	BT=
	deep_time "$1" 0 "$3" "$4" || return 1
	RUN=$T
	deep_time "$@" || return 1
	BT=$(((T - RUN) / $2))
}

# first_bt_time N CMD ...: FIRST is the time (ns) of the first bt of a
# fresh process, as a user runs it: a run of `break bottom', `run' and one
# bt less a run without the bt, one right after the other so that the
# machine's other work weighs on both alike, the median of N such
# differences.  Its counters are its own: deep_time and median use _n
# and _i.
first_bt_time()
{
	FIRST=
	_pairs=$1
	shift
	_diffs=
	_pair=0
	while [ "$_pair" -lt "$_pairs" ]; do
		deep_time framescope 0 "$@" || return 1
		_without=$T
		deep_time framescope 1 "$@" || return 1
		_diffs="$_diffs $((T - _without))"
		_pair=$((_pair + 1))
	done
	# shellcheck disable=SC2086 # one number an argument
	FIRST=$(median_of $_diffs)
}

# bt_row LABEL WHAT NS TEXT: gdb's bt (GDB_BT) against framescope's of NS
# ns (TEXT as shown; empty when it failed), printed as LABEL and put in
# the summary as WHAT, goal 100x.
bt_row()
{
	if [ -n "$4" ] && [ -n "$GDB_BT" ]; then
		r=$(calc "$GDB_BT / $3")
		printf '  %-34s %s (goal >= 100x: %s)\n' "$1" \
		    "$(fmt_ratio "$r")" "$(verdict "$r" '>=' 100)"
		row "$2" "$4" "gdb $(fmt_ms "$GDB_BT")" \
		    "$(fmt_ratio "$r") (gdb/fs)" ">= 100x" \
		    "$(verdict "$r" '>=' 100)"
	else
		_g=ERROR
		[ -z "$GDB_BT" ] || _g=$(fmt_ms "$GDB_BT")
		row "$2" "${4:-ERROR}" "gdb $_g" "-" ">= 100x" "ERROR"
	fi
}

FS_BT=
GDB_BT=
bt=
if bt_time framescope 20 "$FS" --batch; then
	# A bt quicker than the timer's noise counts as 0.1 ms, so that the
	# ratio stays finite and is a lower bound.
	FS_BT=$BT
	bt=$(fmt_ms "$FS_BT")
	[ "$FS_BT" -ge 100000 ] || { FS_BT=100000 && bt="< 0.1 ms"; }
	printf '  %-34s bt %s   (break bottom + run: %s)\n' "framescope:" \
	    "$bt" "$(fmt_ms "$RUN")"
fi
if bt_time gdb 1 gdb "-nx -q --batch"; then
	GDB_BT=$BT
	printf '  %-34s bt %s   (break bottom + run: %s)\n' "gdb:" \
	    "$(fmt_ms "$GDB_BT")" "$(fmt_ms "$RUN")"
fi
bt_row "gdb/framescope:" "bt, $DEPTH frames" "$FS_BT" "$bt"
# The first bt, the one a user waits for: gdb's above is one already.
# Each run is timed alone (REPS 1 here), the median over REPS_FIRST.
first=
_reps=$REPS
REPS=1
if first_bt_time "$REPS_FIRST" "$FS" --batch; then
	first=$(fmt_ms "$FIRST")
	[ "$FIRST" -ge 100000 ] || { FIRST=100000 && first="< 0.1 ms"; }
	printf '  %-34s bt %s   (median of %s runs with it less one without)\n' \
	    "framescope, first bt:" "$first" "$REPS_FIRST"
fi
REPS=$_reps
bt_row "gdb/framescope, first bt:" "first bt, $DEPTH frames" "$FIRST" \
    "$first"
fi	# section 2

if section 3; then
# ---------------------------------------------------------------------
echo
echo "== 3. Start-up: break main, run, in a program of $FUNCS functions"

# Empty functions, in files of 5000 so that each gcc stays small, compiled
# on every CPU; -g -O0 as a program being debugged is built.  Each still
# has its symbol, DWARF subprogram, line rows and CFI, and costs gcc half
# the time of one that takes an argument: the compile is most of this
# section's time.
BIG=$TMP/big
mkdir -p "$BIG"
awk -v n="$FUNCS" -v dir="$BIG" 'BEGIN {
	for (i = 0; i < n; i++) {
		f = sprintf("%s/gen%03d.c", dir, int(i / 5000))
		printf "void f%d(void);\nvoid f%d(void) {}\n", i, i > f
		if (i % 5000 == 4999 || i == n - 1)
			close(f)
	}
	printf "void f0(void);\nint main(void) { f0(); return 0; }\n" \
	    > (dir "/main.c")
}'
t0=$(date +%s)
if (cd "$BIG" && printf '%s\n' ./*.c | xargs -P "$(nproc 2>/dev/null || echo 2)" \
    -n 1 "$CC" -g -O0 -c && "$CC" -o big ./*.o) >"$TMP/gen.log" 2>&1; then
	echo "  (generated and compiled in $(($(date +%s) - t0)) s)"
	FS_START=
	GDB_START=
	if median "$REPS" 1 "$TMP/start.log" "$FS" --batch -ex 'break main' \
	    -ex run "$BIG/big"; then
		has "$TMP/start.log" "Breakpoint 1, main" "framescope" &&
		    FS_START=$T
	else
		run_failed "framescope break main, run" "$TMP/start.log"
	fi
	if median "$REPS" 1 "$TMP/start.log" gdb -nx -q --batch \
	    -ex 'break main' -ex run "$BIG/big"; then
		has "$TMP/start.log" "Breakpoint 1, main" "gdb" &&
		    GDB_START=$T
	else
		run_failed "gdb break main, run" "$TMP/start.log"
	fi
	if [ -n "$FS_START" ] && [ -n "$GDB_START" ]; then
		r=$(calc "$FS_START / $GDB_START")
		printf '  %-34s %s\n' "framescope:" "$(fmt_ms "$FS_START")"
		printf '  %-34s %s\n' "gdb:" "$(fmt_ms "$GDB_START")"
		printf '  %-34s %s (goal <= 0.25x: %s)\n' "framescope/gdb:" \
		    "$(fmt_ratio "$r")" "$(verdict "$r" '<=' 0.25)"
		row "start-up, $FUNCS functions" "$(fmt_ms "$FS_START")" \
		    "gdb $(fmt_ms "$GDB_START")" "$(fmt_ratio "$r")" \
		    "<= 0.25x" "$(verdict "$r" '<=' 0.25)"
	else
		[ -z "$FS_START" ] || FS_START=$(fmt_ms "$FS_START")
		[ -z "$GDB_START" ] || GDB_START=$(fmt_ms "$GDB_START")
		row "start-up, $FUNCS functions" "${FS_START:-ERROR}" \
		    "gdb ${GDB_START:-ERROR}" "-" "<= 0.25x" "ERROR"
	fi
else
	run_failed "cannot build the $FUNCS-function program" "$TMP/gen.log"
	row "start-up, $FUNCS functions" "ERROR" "ERROR" "-" "<= 0.25x" \
	    "ERROR"
fi
rm -rf "$BIG"
fi	# section 3

if section 4; then
# ---------------------------------------------------------------------
echo
echo "== 4. Attach: the stack of a running counter-O0, then detach"

"$SAMPLES/counter-O0" 100000 10 >/dev/null 2>&1 &
COUNTER=$!
# Past its start-up, in its loop of printf and nanosleep.
sleep 1
# Each timing is of ATT_M attaches in a row: eu-stack's take a few ms,
# near the resolution of a `date` on each side.
ATT_M=5
# Cold: every attach with a cache directory of its own, still empty, as
# the first attach after libc (and its debug file) is installed: the
# decoding of libc's compressed DWARF, and the writing of the cache file,
# are timed.  Warm: the cache written by one attach before, as every later
# attach finds it.  The goal is on the warm figure; both are shown.
NCOLD=0
fs_cold()
{
	NCOLD=$((NCOLD + 1))
	XDG_CACHE_HOME=$TMP/cold.$NCOLD "$FS" "$@"
}
FS_COLD=
FS_ATT=
EU_ATT=
if median "$REPS" "$ATT_M" "$TMP/att.log" fs_cold --batch -p "$COUNTER" \
    -ex bt -ex detach; then
	has "$TMP/att.log" " in main (" "framescope -p: bt" &&
	    has "$TMP/att.log" "detached" "framescope -p: detach" &&
	    FS_COLD=$T
else
	run_failed "framescope -p $COUNTER -ex bt -ex detach" "$TMP/att.log"
fi
rm -rf "$TMP"/cold.*
# The warm runs' cache: from one attach, untimed.
"$FS" --batch -p "$COUNTER" -ex bt -ex detach >"$TMP/att.log" 2>&1 ||
    run_failed "framescope -p $COUNTER (filling the cache)" "$TMP/att.log"
NCACHE=$(find "$XDG_CACHE_HOME" -type f 2>/dev/null | wc -l)
if median "$REPS" "$ATT_M" "$TMP/att.log" "$FS" --batch -p "$COUNTER" -ex bt \
    -ex detach; then
	has "$TMP/att.log" " in main (" "framescope -p: bt" &&
	    has "$TMP/att.log" "detached" "framescope -p: detach" &&
	    FS_ATT=$T
else
	run_failed "framescope -p $COUNTER -ex bt -ex detach" "$TMP/att.log"
fi
# framescope must have let it run on, or eu-stack would time an error.
kill -0 "$COUNTER" 2>/dev/null || {
	run_failed "counter-O0 died under framescope -p" "$TMP/att.log"
	FS_ATT=
	FS_COLD=
}
if median "$REPS" "$ATT_M" "$TMP/att.log" eu-stack -p "$COUNTER"; then
	has "$TMP/att.log" "main" "eu-stack -p" && EU_ATT=$T
else
	run_failed "eu-stack -p $COUNTER" "$TMP/att.log"
fi
kill "$COUNTER" 2>/dev/null
wait "$COUNTER" 2>/dev/null
COUNTER=
echo "  (cache files after the warm-up: $NCACHE)"
if [ -n "$FS_COLD" ] && [ -n "$EU_ATT" ]; then
	r=$(calc "$FS_COLD / $EU_ATT")
	printf '  %-34s %s   framescope/eu-stack %s\n' \
	    "framescope, cold cache:" "$(fmt_ms "$FS_COLD")" "$(fmt_ratio "$r")"
	row "attach+bt+detach, cold" "$(fmt_ms "$FS_COLD")" \
	    "eu-stack $(fmt_ms "$EU_ATT")" "$(fmt_ratio "$r")" "(none)" "-"
else
	[ -z "$FS_COLD" ] || FS_COLD=$(fmt_ms "$FS_COLD")
	[ -z "$EU_ATT" ] || EU_ATT=$(fmt_ms "$EU_ATT")
	row "attach+bt+detach, cold" "${FS_COLD:-ERROR}" \
	    "eu-stack ${EU_ATT:-ERROR}" "-" "(none)" "ERROR"
fi
if [ -n "$FS_ATT" ] && [ -n "$EU_ATT" ]; then
	r=$(calc "$FS_ATT / $EU_ATT")
	printf '  %-34s %s\n' "framescope, warm cache:" "$(fmt_ms "$FS_ATT")"
	printf '  %-34s %s\n' "eu-stack -p PID:" "$(fmt_ms "$EU_ATT")"
	printf '  %-34s %s (goal <= 1.5x: %s)\n' "framescope (warm)/eu-stack:" \
	    "$(fmt_ratio "$r")" "$(verdict "$r" '<=' 1.5)"
	row "attach+bt+detach, warm" "$(fmt_ms "$FS_ATT")" \
	    "eu-stack $(fmt_ms "$EU_ATT")" "$(fmt_ratio "$r")" "<= 1.5x" \
	    "$(verdict "$r" '<=' 1.5)"
else
	[ -z "$FS_ATT" ] || FS_ATT=$(fmt_ms "$FS_ATT")
	[ -z "$EU_ATT" ] || EU_ATT=$(fmt_ms "$EU_ATT")
	row "attach+bt+detach, warm" "${FS_ATT:-ERROR}" \
	    "eu-stack ${EU_ATT:-ERROR}" "-" "<= 1.5x" "ERROR"
fi
fi	# section 4

if section 5; then
# ---------------------------------------------------------------------
echo
echo "== 5. TUI: a step redrawn at $DEPTH frames deep; play in steploop"
# The TUI in a detached tmux of its own (160x50), timing itself
# (FRAMESCOPE_TUI_STATS): a step is the command, the capture of the stop
# and the redraw; play runs at its top speed, drawing at most 30 times a
# second.  Absolute figures, as the TUI's goals are a person's: a step
# seen at once (< 50 ms), play fast enough to watch a program go by.
TUI_STEPS=${BENCH_TUI_STEPS:-20}
TUI_PLAY_S=${BENCH_TUI_PLAY_S:-3}
if command -v tmux >/dev/null 2>&1; then
	SOCK=fs-bench-$$
	tmx() { tmux -L "$SOCK" -f /dev/null "$@"; }
	# tui_wait TEXT: poll the screen until TEXT is on it (30 s at most).
	tui_wait()
	{
		_i=0
		while [ $_i -lt 300 ]; do
			tmx capture-pane -p 2>/dev/null | grep -qF -- "$1" &&
			    return 0
			sleep 0.1
			_i=$((_i + 1))
		done
		return 1
	}
	tui_quit()
	{
		tmx send-keys Q 2>/dev/null
		_i=0
		while [ $_i -lt 100 ] && tmx has-session 2>/dev/null; do
			sleep 0.1
			_i=$((_i + 1))
		done
		tmx kill-server 2>/dev/null
	}
	STATS=$TMP/tui-step
	tmx new-session -d -x 160 -y 50 env LANG=C.UTF-8 \
	    FRAMESCOPE_TUI_STATS="$STATS" "$FS" -ex 'break bottom' \
	    -ex continue "$DEEP" "$DEPTH"
	TUI_STEP=
	if tui_wait "bottom () at"; then
		n=0
		while [ $n -lt "$TUI_STEPS" ]; do
			tmx send-keys i
			n=$((n + 1))
			tui_wait "stop $((n + 2)) |" || break
		done
		tui_quit
		[ -s "$STATS" ] &&
		    TUI_STEP=$(awk '$1 == "step_ms_mean" { print $2 }' "$STATS")
		TUI_STEP_MAX=$(awk '$1 == "step_ms_max" { print $2 }' "$STATS")
	else
		tui_quit
	fi
	STATS=$TMP/tui-play
	tmx new-session -d -x 160 -y 50 env LANG=C.UTF-8 \
	    FRAMESCOPE_TUI_STATS="$STATS" "$FS" "$LOOP"
	TUI_PLAY=
	if tui_wait "LIVE"; then
		for k in + + + + + + + + + +; do tmx send-keys "$k"; done
		tui_wait "as fast as it goes" && tmx send-keys p &&
		    tui_wait "PLAY max" && sleep "$TUI_PLAY_S" &&
		    tmx send-keys x && tui_wait "LIVE"
		tui_quit
		[ -s "$STATS" ] && TUI_PLAY=$(awk \
		    '$1 == "play_steps_per_s" { print $2 }' "$STATS")
	else
		tui_quit
	fi
	if [ -n "$TUI_STEP" ]; then
		printf '  %-34s %s ms (max %s ms) (goal < 50 ms: %s)\n' \
		    "step + redraw, $DEPTH frames:" "$TUI_STEP" \
		    "$TUI_STEP_MAX" "$(verdict "$TUI_STEP" '<=' 50)"
		row "TUI step, $DEPTH frames" "$TUI_STEP ms" "-" "-" \
		    "< 50 ms" "$(verdict "$TUI_STEP" '<=' 50)"
	else
		echo "bench: ERROR: the TUI step run failed" >&2
		FAILED=1
		row "TUI step, $DEPTH frames" "ERROR" "-" "-" "< 50 ms" "ERROR"
	fi
	if [ -n "$TUI_PLAY" ]; then
		printf '  %-34s %s steps/s (goal >= 1000: %s)\n' \
		    "play at top speed:" "$TUI_PLAY" \
		    "$(verdict "$TUI_PLAY" '>=' 1000)"
		row "TUI play" "$TUI_PLAY/s" "-" "-" ">= 1000/s" \
		    "$(verdict "$TUI_PLAY" '>=' 1000)"
	else
		echo "bench: ERROR: the TUI play run failed" >&2
		FAILED=1
		row "TUI play" "ERROR" "-" "-" ">= 1000/s" "ERROR"
	fi
else
	echo "  (tmux not found: make deps installs it)"
fi
fi	# section 5

if section 6; then
# ---------------------------------------------------------------------
echo
echo "== 6. The page of a run: $PAGE_STEPS steps of loop-O0 in headless" \
    "Chromium"
# A --dump of the loop (a call and a dozen instructions a turn), made a
# page by --html; the page opened at its last step, which its script
# rebuilds from all the differences before it, and painted (a
# screenshot), against Chromium opening and painting an empty page: the
# difference is the page's own time to open.  Its size is absolute, as
# the goal is: 20 MB for 100,000 steps.
CHROME=$(command -v chromium-headless-shell || command -v chromium)
chrome()
{
	"$CHROME" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --disable-extensions \
	    --no-proxy-server --host-resolver-rules='MAP * ~NOTFOUND' \
	    --user-data-dir="$TMP/chromium" --window-size=1600,1000 "$@"
}
# shot URL: a screenshot of URL, made anew.
shot()
{
	rm -f "$TMP/shot.png"
	chrome --screenshot="$TMP/shot.png" "$1" && [ -s "$TMP/shot.png" ]
}
if [ -z "$CHROME" ]; then
	run_failed "no headless Chromium (make deps installs" \
	    "chromium-headless-shell)" /dev/null
	row "page, $PAGE_STEPS steps" "ERROR" "-" "-" "< 2 s" "ERROR"
elif ! "$FS" --batch --dump "$TMP/page.jsonl" -ex 'break mix' -ex run \
    -ex delete -ex "stepi $PAGE_STEPS" "$SAMPLES/loop-O0" 100000000 \
    >"$TMP/page.log" 2>&1 || ! has "$TMP/page.log" "Breakpoint 1, mix" \
    "framescope --dump, stepi $PAGE_STEPS"; then
	run_failed "framescope --dump, stepi $PAGE_STEPS" "$TMP/page.log"
	row "page, $PAGE_STEPS steps" "ERROR" "-" "-" "< 2 s" "ERROR"
elif ! timed 1 "$TMP/page.log" "$FS" --html "$TMP/page.jsonl" \
    -o "$TMP/page.html"; then
	run_failed "framescope --html" "$TMP/page.log"
	row "page, $PAGE_STEPS steps" "ERROR" "-" "-" "< 2 s" "ERROR"
else
	MAKE_T=$T
	DUMP_MB=$(du -m "$TMP/page.jsonl" | cut -f1)
	rm -f "$TMP/page.jsonl"
	PAGE_MB=$(awk -v n="$(wc -c <"$TMP/page.html")" \
	    'BEGIN { printf "%.1f", n / 1e6 }')
	printf '<!DOCTYPE html>\n<html><body><p>empty</p></body></html>\n' \
	    >"$TMP/empty.html"
	# The entry stop, the breakpoint's, and a stop a stepi.
	LAST=$((PAGE_STEPS + 1))
	if median "$REPS" 1 "$TMP/chrome.log" shot "file://$TMP/empty.html"
	then
		BLANK_T=$T
		# What was painted is the last step: the DOM says so.
		if median "$REPS" 1 "$TMP/chrome.log" shot \
		    "file://$TMP/page.html#step=$LAST" &&
		    chrome --dump-dom "file://$TMP/page.html#step=$LAST" \
		    >"$TMP/chrome.log" 2>&1 &&
		    has "$TMP/chrome.log" "step $LAST of $LAST" \
		    "chromium, the page at #step=$LAST"; then
			OPEN_T=$((T - BLANK_T))
			printf '  %-34s %s (the dump: %s MB)\n' \
			    "framescope --html:" "$(fmt_ms "$MAKE_T")" \
			    "$DUMP_MB"
			printf '  %-34s %s MB (goal <= 20 MB: %s)\n' \
			    "page:" "$PAGE_MB" "$(verdict "$PAGE_MB" '<=' 20)"
			printf '  %-34s %s\n' "chromium, an empty page:" \
			    "$(fmt_ms "$BLANK_T")"
			printf '  %-34s %s (goal < 2 s: %s)\n' \
			    "the page at its last step, more:" \
			    "$(fmt_ms "$OPEN_T")" \
			    "$(verdict "$OPEN_T" '<=' 2000000000)"
			row "page size, $PAGE_STEPS steps" "$PAGE_MB MB" "-" \
			    "-" "<= 20 MB" "$(verdict "$PAGE_MB" '<=' 20)"
			row "page open, $PAGE_STEPS steps" \
			    "$(fmt_ms "$OPEN_T")" \
			    "empty page $(fmt_ms "$BLANK_T")" "-" "< 2 s" \
			    "$(verdict "$OPEN_T" '<=' 2000000000)"
		else
			run_failed "chromium, the page" "$TMP/chrome.log"
			row "page open, $PAGE_STEPS steps" "ERROR" "-" "-" \
			    "< 2 s" "ERROR"
		fi
	else
		run_failed "chromium, an empty page" "$TMP/chrome.log"
		row "page open, $PAGE_STEPS steps" "ERROR" "-" "-" "< 2 s" \
		    "ERROR"
	fi
fi
fi	# section 6

if section 7; then
# ---------------------------------------------------------------------
GUARD_LIGHT=${BENCH_GUARD_LIGHT:-200}
GUARD_HEAVY=${BENCH_GUARD_HEAVY:-2000}
echo
echo "== 7. guard: continue under guard against a plain continue, in" \
    "crunch $GUARD_LIGHT (a call a million instructions) and steploop" \
    "$GUARD_HEAVY (7 calls a loop)"
# The same command line but for `guard', run from the start to the exit:
# the guard's breakpoints at calls and returns and its debug registers
# against nothing at all.  Call-light, the guard must cost little (goal
# at most 2x); call-heavy, each call costs a few stops more (information).
# guard_pair NAME PROG ARG: G and P, the median times with and without.
guard_pair()
{
	P=
	G=
	if median "$REPS" 1 "$TMP/guard-plain.log" "$FS" --batch -ex run \
	    "$2" "$3" && has "$TMP/guard-plain.log" "exited normally" \
	    "$1 plain"; then
		P=$T
	else
		run_failed "framescope run $2 $3" "$TMP/guard-plain.log"
	fi
	if median "$REPS" 1 "$TMP/guard.log" "$FS" --batch -ex guard -ex run \
	    "$2" "$3" && has "$TMP/guard.log" "exited normally" "$1 guard" &&
	    ! grep -q "Stack smash" "$TMP/guard.log"; then
		G=$T
	else
		run_failed "framescope guard run $2 $3" "$TMP/guard.log"
	fi
}
guard_pair crunch "$CRUNCH" "$GUARD_LIGHT"
if [ -n "$P" ] && [ -n "$G" ]; then
	R=$(calc "$G / $P")
	printf '  %-34s %s, plain %s: %s (goal <= 2x: %s)\n' \
	    "call-light (crunch):" "$(fmt_ms "$G")" "$(fmt_ms "$P")" \
	    "$(fmt_ratio "$R")" "$(verdict "$R" '<=' 2)"
	row "guard, call-light" "$(fmt_ms "$G")" "continue $(fmt_ms "$P")" \
	    "$(fmt_ratio "$R")" "<= 2x" "$(verdict "$R" '<=' 2)"
else
	row "guard, call-light" "ERROR" "-" "-" "<= 2x" "ERROR"
fi
guard_pair steploop "$LOOP" "$GUARD_HEAVY"
if [ -n "$P" ] && [ -n "$G" ]; then
	R=$(calc "$G / $P")
	CALLS=$((GUARD_HEAVY * 7))
	printf '  %-34s %s, plain %s: %s (%s us a call)\n' \
	    "call-heavy (steploop):" "$(fmt_ms "$G")" "$(fmt_ms "$P")" \
	    "$(fmt_ratio "$R")" "$(awk -v g="$G" -v p="$P" -v c="$CALLS" \
	    'BEGIN { printf "%.0f", (g - p) / c / 1000 }')"
	row "guard, call-heavy" "$(fmt_ms "$G")" "continue $(fmt_ms "$P")" \
	    "$(fmt_ratio "$R")" "-" "info"
else
	row "guard, call-heavy" "ERROR" "-" "-" "-" "ERROR"
fi
fi	# section 7

if section 8; then
# ---------------------------------------------------------------------
# steploop's loop takes some 98 instructions a round: RECORD of them are
# about RECORD / 98 rounds, recorded from the loop's line to the line after
# it: both debuggers record the same code, and no C library (gdb's record
# full cannot follow its AVX-512 string functions, and chokes on the
# dynamic loader's lazy binding of strtoul).
ROUNDS=$((RECORD / 98))
GDB_ROUNDS=$((ROUNDS / 10))
LOOPL=steploop.c:$(grep -n 'for (i = 0' test/bench/steploop.c | cut -d: -f1)
AFTER=steploop.c:$(grep -n 'return 0;' test/bench/steploop.c | cut -d: -f1)
echo
echo "== 8. Recording: record from $LOOPL, continue to $AFTER in" \
    "steploop $ROUNDS"

# rec_time NAME N LOG ROUNDS EXTRA CMD ...: T is the median time of N
# runs of CMD with break at the loop, run, record, then EXTRA (-ex
# arguments) and info record, in steploop ROUNDS (gdb is given the
# program's arguments after --args); COUNT the instructions recorded.
rec_time()
{
	_name=$1
	_n=$2
	_log=$3
	_rounds=$4
	_extra=$5
	shift 5
	_args=
	[ "$_name" = gdb ] && _args=--args
	# shellcheck disable=SC2086 # EXTRA is words of -ex arguments
	median "$_n" 1 "$_log" "$@" -ex "break $LOOPL" -ex run \
	    -ex "break $AFTER" -ex record $_extra -ex 'info record' $_args \
	    "$LOOP" "$_rounds" || {
		run_failed "$_name record $_extra" "$_log"
		return 1
	}
	COUNT=$(awk '$1 == "Log" && $2 == "contains" { print $3 }' "$_log")
	if [ -z "$COUNT" ]; then
		COUNT=0
	fi
}

# The raw loop's rate, from the same number of steps.
REC_RAW=
if "$RAW" -s 120000 "$RECORD" "$LOOP" >"$TMP/recraw.log" 2>&1; then
	REC_RAW=$(awk '$1 == "steps" { printf "%.0f", $2 * 1e9 / $4 }' \
	    "$TMP/recraw.log")
	printf '  %-34s %8s steps/s\n' "raw ptrace (bench_raw):" "$REC_RAW"
else
	run_failed "bench_raw $RECORD $LOOP" "$TMP/recraw.log"
fi

# framescope: the time of the continue alone is that of the run with it
# less the run without.
REC_RATE=
REC_BYTES=
if rec_time framescope "$REPS" "$TMP/rec0.log" "$ROUNDS" "" "$FS" --batch &&
    rec0=$T &&
    rec_time framescope 1 "$TMP/rec1.log" "$ROUNDS" "-ex continue" \
    "$FS" --batch && has "$TMP/rec1.log" "Breakpoint 2, main" \
    "framescope record, continue" && [ "$COUNT" -gt 0 ] &&
    [ "$T" -gt "$rec0" ]; then
	REC_COUNT=$COUNT
	REC_RATE=$(calc "$COUNT * 1e9 / ($T - $rec0)" |
	    awk '{ printf "%.0f", $1 }')
	REC_BYTES=$(sed -n 's/.*(\([0-9.]*\) bytes per instruction).*/\1/p' \
	    "$TMP/rec1.log")
	printf '  %-34s %8s insns/s   (%s instructions)\n' \
	    "framescope record:" "$REC_RATE" "$COUNT"
	REC_EMU=$(sed -n 's/^Emulated \([0-9]*\) of the.*/\1/p' \
	    "$TMP/rec1.log")
	[ -n "$REC_EMU" ] && printf '  %-34s %8s of %s\n' \
	    "  run by the emulator:" "$REC_EMU" "$COUNT"
fi

# The same single-stepping every instruction (set record full emulate
# off), beside it: what the emulator gains.
REC_STEP=
if [ -n "$REC_RATE" ] && rec_time framescope 1 "$TMP/rec2.log" "$ROUNDS" \
    "-ex continue" "$FS" --batch -ex 'set record full emulate off' &&
    has "$TMP/rec2.log" "Breakpoint 2, main" \
    "framescope record, emulate off, continue" && [ "$COUNT" -gt 0 ] &&
    [ "$T" -gt "$rec0" ]; then
	REC_STEP=$(calc "$COUNT * 1e9 / ($T - $rec0)" |
	    awk '{ printf "%.0f", $1 }')
	printf '  %-34s %8s insns/s   (%s instructions)\n' \
	    "framescope record, emulate off:" "$REC_STEP" "$COUNT"
fi

GDB_REC=
if rec_time gdb "$REPS" "$TMP/grec0.log" "$GDB_ROUNDS" "" gdb -nx -q \
    --batch -ex 'set record full insn-number-max unlimited' &&
    grec0=$T &&
    rec_time gdb 1 "$TMP/grec1.log" "$GDB_ROUNDS" "-ex continue" gdb -nx \
    -q --batch -ex 'set record full insn-number-max unlimited' &&
    has "$TMP/grec1.log" "Breakpoint 2, main" "gdb record, continue" &&
    [ "$COUNT" -gt 0 ] && [ "$T" -gt "$grec0" ]; then
	GDB_REC=$(calc "$COUNT * 1e9 / ($T - $grec0)" |
	    awk '{ printf "%.0f", $1 }')
	printf '  %-34s %8s insns/s   (%s instructions)\n' \
	    "gdb record full:" "$GDB_REC" "$COUNT"
fi

if [ -n "$REC_RATE" ] && [ -n "$REC_RAW" ]; then
	r=$(calc "$REC_RATE / $REC_RAW")
	printf '  framescope/raw %s (goal >= 0.7x: %s)\n' "$(fmt_ratio "$r")" \
	    "$(verdict "$r" '>=' 0.7)"
	row "record rate" "$REC_RATE/s" "raw ptrace $REC_RAW/s" \
	    "$(fmt_ratio "$r")" ">= 0.7x" "$(verdict "$r" '>=' 0.7)"
else
	row "record rate" "${REC_RATE:-ERROR}" "raw ptrace ${REC_RAW:-ERROR}" \
	    "-" ">= 0.7x" "ERROR"
fi
if [ -n "$REC_RATE" ] && [ -n "$GDB_REC" ]; then
	r=$(calc "$REC_RATE / $GDB_REC")
	printf '  framescope/gdb record full %s (goal >= 3x: %s)\n' \
	    "$(fmt_ratio "$r")" "$(verdict "$r" '>=' 3)"
	row "record rate vs gdb" "$REC_RATE/s" "gdb $GDB_REC/s" \
	    "$(fmt_ratio "$r")" ">= 3x" "$(verdict "$r" '>=' 3)"
else
	row "record rate vs gdb" "${REC_RATE:-ERROR}" "gdb ${GDB_REC:-ERROR}" \
	    "-" ">= 3x" "ERROR"
fi
if [ -n "$REC_STEP" ] && [ -n "$REC_RAW" ]; then
	r=$(calc "$REC_STEP / $REC_RAW")
	printf '  framescope single-stepping/raw %s\n' "$(fmt_ratio "$r")"
	row "record rate, emulate off" "$REC_STEP/s" "raw ptrace $REC_RAW/s" \
	    "$(fmt_ratio "$r")" "-" "info"
fi
if [ -n "$REC_BYTES" ]; then
	printf '  %-34s %8s bytes/insn (goal <= 40: %s)\n' "log memory:" \
	    "$REC_BYTES" "$(verdict "$REC_BYTES" '<=' 40)"
	row "record memory" "$REC_BYTES B/insn" "-" "-" "<= 40 B" \
	    "$(verdict "$REC_BYTES" '<=' 40)"
else
	row "record memory" "ERROR" "-" "-" "<= 40 B" "ERROR"
fi

# Going back through it, in the recording saved: K reverse-stepi commands
# (each a stop shown), and one reverse-continue to the start, less the
# time of opening it alone (the recording's own cost would drown them).
K=5000
EXPORT=2000
RSI=
RC=
EXPORT_RATE=
# Runs of a tenth of a second: more of them, for a median above the
# noise of starting a process.
QREPS=$((REPS > 5 ? REPS : 5))
REC_FILE=$TMP/steploop.rec
printf 'continue\nrecord save %s\n' "$REC_FILE" >"$TMP/save.cmds"
if [ -n "$REC_RATE" ] &&
    rec_time framescope 1 "$TMP/save.log" "$ROUNDS" "-x $TMP/save.cmds" \
    "$FS" --batch && [ -s "$REC_FILE" ]; then
	set --
	_i=0
	while [ "$_i" -lt "$K" ]; do
		set -- "$@" -ex reverse-stepi
		_i=$((_i + 1))
	done
	# A difference under the noise counts as nothing.
	if median "$QREPS" 1 "$TMP/open.log" "$FS" --batch --replay \
	    "$REC_FILE" && open=$T &&
	    median "$QREPS" 1 "$TMP/rsi.log" "$FS" --batch "$@" --replay \
	    "$REC_FILE"; then
		RSI=$(calc "($T > $open ? $T - $open : 0) / $K")
		printf '  %-34s %8s\n' "reverse-stepi in the recording:" \
		    "$(fmt_ms "$RSI")"
	fi
	# Back and forth through it all a few times: one pass is
	# too short to stand above the noise.
	set --
	_i=0
	while [ "$_i" -lt 4 ]; do
		set -- "$@" -ex reverse-continue -ex continue
		_i=$((_i + 1))
	done
	if median "$QREPS" 1 "$TMP/rc.log" "$FS" --batch "$@" \
	    --replay "$REC_FILE" &&
	    has "$TMP/rc.log" "No more reverse-execution history" \
	    "framescope reverse-continue"; then
		RC=$(((T > open ? T - open : 0) / 8))
		printf '  %-34s %8s\n' "reverse-continue through it all:" \
		    "$(fmt_ms "$RC")"
	fi
	# The full snapshots of its first EXPORT steps, written to
	# /dev/null: the cost of building them.
	if median "$QREPS" 1 "$TMP/export.log" "$FS" --batch -ex \
	    "record export --jsonl /dev/null 1 $EXPORT" --replay \
	    "$REC_FILE" && has "$TMP/export.log" "Exported $EXPORT snapshots" \
	    "framescope record export" && [ "$T" -gt "$open" ]; then
		EXPORT_RATE=$(calc "$EXPORT * 1e9 / ($T - $open)" |
		    awk '{ printf "%.0f", $1 }')
		printf '  %-34s %8s snapshots/s (goal >= 10000: %s)\n' \
		    "record export --jsonl:" "$EXPORT_RATE" \
		    "$(verdict "$EXPORT_RATE" '>=' 10000)"
	fi
fi
if [ -n "$RSI" ]; then
	row "reverse-stepi, $REC_COUNT" "$(fmt_ms "$RSI")" "-" "-" "< 1 ms" \
	    "$(verdict "$RSI" '<=' 1000000)"
else
	row "reverse-stepi" "ERROR" "-" "-" "< 1 ms" "ERROR"
fi
if [ -n "$RC" ]; then
	row "reverse-continue, all" "$(fmt_ms "$RC")" "-" "-" "< 1 s" \
	    "$(verdict "$RC" '<=' 1000000000)"
else
	row "reverse-continue, all" "ERROR" "-" "-" "< 1 s" "ERROR"
fi
if [ -n "$EXPORT_RATE" ]; then
	row "record export" "$EXPORT_RATE/s" "-" "-" ">= 10000/s" \
	    "$(verdict "$EXPORT_RATE" '>=' 10000)"
else
	row "record export" "ERROR" "-" "-" ">= 10000/s" "ERROR"
fi
fi	# section 8

if section 9; then
# ---------------------------------------------------------------------
echo
echo "== 9. i386: stepi $STEPS from main in steploop built gcc -m32"

# The same loop as section 1, a 32-bit program: framescope unwinds it
# with its own CFI reader, not libunwind.  The raw loop steps the same
# program; their runs alternate as in section 1.
if ! "$CC" -m32 -O0 -g -o "$TMP/steploop32" test/bench/steploop.c \
    2>"$TMP/cc32.log"; then
	run_failed "gcc -m32 test/bench/steploop.c (make deps installs" \
	    "gcc-multilib)" "$TMP/cc32.log"
	row "stepi rate, i386" "ERROR" "-" "-" ">= 0.8x" "ERROR"
else
	# stepi32 K LOG: T is the time of `break main`, `run`, `stepi K`.
	stepi32()
	{
		median 1 1 "$2" "$FS" --batch -ex 'break main' -ex run \
		    -ex "stepi $1" "$TMP/steploop32" &&
		    has "$2" "Breakpoint 1, main" "framescope -m32 stepi $1" &&
		    ! grep -q -e 'exited' -e 'received signal' "$2"
	}
	RAW32=
	FS32=
	i=0
	while [ "$i" -lt "$REPS_LONG" ]; do
		if "$RAW" -s 120000 "$STEPS" "$TMP/steploop32" \
		    >"$TMP/raw32.log" 2>&1; then
			RAW32="$RAW32 $(awk '$1 == "steps" {
			    printf "%.0f", $2 * 1e9 / $4 }' "$TMP/raw32.log")"
		else
			run_failed "bench_raw $STEPS steploop32" \
			    "$TMP/raw32.log"
			RAW32=
			break
		fi
		if stepi32 1 "$TMP/fs32s.log" && short=$T &&
		    stepi32 "$STEPS" "$TMP/fs32n.log" && [ "$T" -gt "$short" ]
		then
			FS32="$FS32 $(calc "($STEPS - 1) * 1e9 / ($T - $short)" |
			    awk '{ printf "%.0f", $1 }')"
		else
			run_failed "framescope -m32 stepi $STEPS" \
			    "$TMP/fs32n.log"
			FS32=
			break
		fi
		i=$((i + 1))
	done
	if [ -n "$RAW32" ] && [ -n "$FS32" ]; then
		# shellcheck disable=SC2086 # one number an argument
		RAW32=$(median_of $RAW32)
		# shellcheck disable=SC2086
		FS32=$(median_of $FS32)
		r=$(calc "$FS32 / $RAW32")
		printf '  %-34s %8s steps/s\n' "raw ptrace (bench_raw):" \
		    "$RAW32"
		printf '  %-34s %8s steps/s   framescope/raw %s (goal >= 0.8x: %s)\n' \
		    "framescope:" "$FS32" "$(fmt_ratio "$r")" \
		    "$(verdict "$r" '>=' 0.8)"
		row "stepi rate, i386" "$FS32/s" "raw ptrace $RAW32/s" \
		    "$(fmt_ratio "$r")" ">= 0.8x" "$(verdict "$r" '>=' 0.8)"
	else
		row "stepi rate, i386" "${FS32:-ERROR}" \
		    "raw ptrace ${RAW32:-ERROR}" "-" ">= 0.8x" "ERROR"
	fi
fi
fi	# section 9

# ---------------------------------------------------------------------
echo
echo "== Summary"
{
	printf 'measure\tframescope\tbaseline\tratio\tgoal\tresult\n'
	cat "$SUMMARY"
} | awk -F '\t' '{ printf "  %-27s %-12s %-26s %-16s %-9s %s\n",
    $1, $2, $3, $4, $5, $6 }'

if [ "$FAILED" -ne 0 ]; then
	echo "bench: some runs failed (see ERROR above)" >&2
	exit 1
fi
exit 0
