#!/usr/bin/env bash
# The calendar matrix (make calendar; issue 27, item 7): the tests that hang on the day, the
# week or the zone (marked `calendar`, listed in tests/conftest.py) run once per moment below,
# with the clock frozen there by time-machine (SCIATICA_COACH_TEST_MOMENT) and the tests in the
# zone after the @ (SCIATICA_COACH_TEST_TZ). Two moments at a time (CALENDAR_JOBS); each run's
# output is shown when it fails.
set -uo pipefail
cd "$(dirname "$0")/.."

MOMENTS=(
    2027-01-03T23:59:00+00:00@Europe/London      # Sunday 23:59
    2027-01-04T04:59:00+00:00@America/New_York   # Sunday 23:59
    2027-01-03T10:59:00+00:00@Pacific/Auckland   # Sunday 23:59, Sunday morning in UTC
    2027-03-28T01:00:00+00:00@Europe/London      # the clocks go forward (now 02:00 BST)
    2027-10-31T01:00:00+00:00@Europe/London      # the clocks go back (01:00 GMT, again)
    2027-03-14T07:00:00+00:00@America/New_York   # the clocks go forward (now 03:00 EDT)
    2027-11-07T06:00:00+00:00@America/New_York   # the clocks go back (01:00 EST, again)
    2027-12-31T23:59:00+00:00@Europe/London      # New Year's Eve, 23:59
    2028-02-29T12:00:00+00:00@Europe/London      # 29 February
)

PYTHON=${PYTHON:-.venv/bin/python}
files=$("$PYTHON" -c "from tests.conftest import calendar_files; print(*calendar_files())") || exit 1
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

one() {
    local at=$1 name=${1//[:\/+@]/_}
    SCIATICA_COACH_TEST_MOMENT=${at%@*} SCIATICA_COACH_TEST_TZ=${at#*@} \
        "$PYTHON" -m pytest -m calendar -p no:cacheprovider --basetemp="$logs/$name" \
        $files >"$logs/$name.log" 2>&1
    local done=$?
    echo "calendar: ${at%@*} in ${at#*@}: $(tail -n 1 "$logs/$name.log")"
    [ "$done" -eq 0 ] || { cat "$logs/$name.log"; return 1; }
}
export -f one
export logs files PYTHON

started=$SECONDS
printf '%s\n' "${MOMENTS[@]%%#*}" | xargs -P "${CALENDAR_JOBS:-2}" -I{} bash -c 'one {}'
failed=$?
echo "calendar: ${#MOMENTS[@]} moments in $((SECONDS - started)) s"
exit "$failed"
