#!/bin/sh
# followup-due's gallring items and gallra's plan count from the same
# last record (the view akt_last_record), so the arkivarie's report and
# the purge agree on every akt and every deadline.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a synthetic municipality with akter due for gallring' '
	socdok-fixture --small --seed 3 --as-of 2026-03-02 2>/dev/null &&
	gallra --as-of 2026-03-02 --format tsv >plan &&
	test "$(sed 1d plan | wc -l)" -ge 2
'

test_expect_success 'every akt gallra decides on is a gallring item, with its last note and deadline' '
	awk -F"\t" "NR > 1 && \$8 != \"hold\" { print \$1 \"\t\" \$3 \"\t\" \$7 }" plan |
		sort >want &&
	test -s want &&
	followup-due --as-of 2026-03-02 --within 800 --rule gallring --format tsv |
		awk -F"\t" "NR > 1 { print \$2 \"\t\" \$8 \"\t\" \$9 }" | sort >got &&
	comm -23 want got >missing &&
	test_cmp /dev/null missing
'

test_expect_success 'a later record in one akt moves both, to the same date' '
	akt=$(awk -F"\t" "NR > 1 && \$8 != \"hold\" { print \$1; exit }" plan) &&
	later=$(awk -F"\t" -v a=$akt "\$1 == a { print \$3 }" plan | xargs -I{} date -d "{} + 30 days" +%F) &&
	sqlite3 "$SOCDOK_DB" "INSERT INTO followup(akt_id, kind, fdate, recorded_at, recorded_by) SELECT $akt, '\''uppfoljning'\'', closed, '\''${later}T10:00:00Z'\'', 1 FROM akt WHERE id = $akt" &&
	echo "$later" >expect &&
	gallra --as-of 2026-03-02 --format tsv | awk -F"\t" -v a=$akt "\$1 == a { print \$3 }" >g &&
	test_cmp expect g &&
	followup-due --as-of 2026-03-02 --within 800 --rule gallring --format tsv |
		awk -F"\t" -v a=$akt "\$2 == a { print \$8 }" >f &&
	test_cmp expect f
'

test_expect_success 'a gallring deadline outside --within is not listed (issue 15)' '
	followup-due --as-of 2026-03-02 --rule gallring --within 0 >out &&
	test ! -s out &&
	followup-due --as-of 2026-03-02 --rule gallring --within 0 --format tsv >out &&
	test "$(wc -l <out)" = 1
'

test_expect_success 'counts, --within and the mail subject agree with the due dates' '
	for w in 14 300 800; do
		followup-due --as-of 2026-03-02 --rule gallring --within $w \
			--format tsv >t &&
		h=$(date -d "2026-03-02 + $w days" +%F) &&
		test "$(awk -F"\t" -v h=$h "NR > 1 && \$9 > h" t | wc -l)" = 0 &&
		n=$(sed 1d t | wc -l) &&
		SOCDOK_MAIL_FROM="Arkivet <arkiv@kommun.se>" followup-due \
			--as-of 2026-03-02 --rule gallring --within $w \
			--format mail >m &&
		if [ "$n" = 0 ]; then test ! -s m; else
			grep "^Subject: " m | sed "s/.*overdue, \([0-9]*\) due within \([0-9]*\) days.*/\1 \2/" >got &&
			echo "$n $w" >expect && test_cmp expect got; fi || return 1
	done
'

test_done
