#!/bin/sh
# akt-new and akt-set --name (issue 15): a name not in the form
# "Efternamn, Förnamn" that the help asks for is stored as given, with a
# warning on stderr that says how to correct it, and the exit is 0.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up' '
	setup_world
'

test_expect_success 'akt-new "Efternamn, Förnamn": no warning' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19400101 121)" --name "Åberg, Anna" \
		--unit "Hemtjänst Norr" >id 2>err &&
	echo 1 >expect &&
	test_cmp expect id &&
	test ! -s err
'

test_expect_success 'akt-new "Förnamn Efternamn": stored, warned, exit 0' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19400102 122)" --name "Bertil Berg" \
		--unit "Hemtjänst Norr" >id 2>err &&
	echo 2 >expect &&
	test_cmp expect id &&
	cat >expect <<-\EOF &&
	akt-new: warning: the name '\''Bertil Berg'\'' is not in the form "Efternamn, Förnamn" that lists sort by; it is stored as given; correct it with akt-set 2 --name "Efternamn, Förnamn" -m WHY
	EOF
	test_cmp expect err &&
	SOCDOK_USER=sara akt-list --format tsv | cut -f1,3 | grep "^2	Bertil Berg$"
'

test_expect_success 'a reservnummer akt is warned alike' '
	SOCDOK_USER=sara akt-new --reservnummer --born 1950-05-05 --gender kvinna \
		--name "Cecilia" --unit "Hemtjänst Norr" >id 2>err &&
	echo 3 >expect &&
	test_cmp expect id &&
	grep "^akt-new: warning: the name '\''Cecilia'\'' is not in the form" err
'

test_expect_success 'akt-set --name: the right form is quiet, another is warned' '
	SOCDOK_USER=sara akt-set 2 --name "Berg, Bertil" -m "Namnet i rätt ordning." 2>err &&
	test ! -s err &&
	SOCDOK_USER=sara akt-set 2 --name "Berg, Bertil, Bo" -m "Två förnamn?" 2>err &&
	grep "^akt-set: warning: the name '\''Berg, Bertil, Bo'\'' is not in the form .*akt-set 2 --name" err &&
	SOCDOK_USER=sara akt-set 2 --kontaktperson sara -m "Ny kontaktperson." 2>err &&
	test ! -s err
'

test_expect_success 'blanks on one side of the comma are not a name' '
	SOCDOK_USER=sara akt-set 1 --name " , Anna" -m "Fel." 2>err &&
	grep "warning" err &&
	SOCDOK_USER=sara akt-set 1 --name "Åberg,Anna" -m "Utan mellanslag." 2>err &&
	test ! -s err
'

test_expect_success 'in Swedish too' '
	SOCDOK_USER=sara LANGUAGE=sv akt-set 1 --name "Anna Åberg" -m "Fel ordning." 2>err &&
	grep "^akt-set: varning: " err
'

test_done
