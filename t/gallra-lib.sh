# t/gallra-lib.sh - helpers for the gallra tests (t/5*.t), sourced after
# t/lib.sh: records that must look old are written under faketime.

# old DATE cmd...: run at DATE, noon local time, with today = DATE, so
# what is written carries that date (the recorded time is the clock).
# Records are written in time order (issue 18): the database is made at
# or before the first DATE (setup_world "DATE 12:00:00"), and each DATE
# is no earlier than the one before.
old() {
	t_date=$1
	shift
	t_at "$t_date 12:00:00" env SOCDOK_TODAY=$t_date "$@"
}

# new_akt PNR NAME DATE [MARKER [UNIT]]: an akt opened, written in and
# closed (akt-close) on DATE by $GALLRA_USER (default sara), so its last
# note is of DATE; the journal carries MARKER.  Prints the akt id.
new_akt() {
	old "$3" env SOCDOK_USER="${GALLRA_USER:-sara}" sh -c '
		id=$(akt-new "$1" --name "$2" --unit "$5" --opened "$3") &&
		ins=$(insats-add "$id" --kind hemtjänst --decided "$3") &&
		insats-start "$ins" --date "$3" &&
		insats-end "$ins" --date "$3" --reason "$4" &&
		akt-close "$id" --date "$3" -m "Insatsen har upphört." >/dev/null &&
		echo "$id"' sh "$1" "$2" "$3" "${4:-slut $2}" "${5:-Hemtjänst Norr}"
}
