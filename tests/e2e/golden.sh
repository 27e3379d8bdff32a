# Golden page dumps (see tests/golden.sh).
. tests/lib.sh
sh tests/golden.sh
done_tests
