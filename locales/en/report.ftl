# The chrome of `labcheck verify`'s table: headings, statuses and the lines
# around the table. The findings themselves are in findings.ftl.

report-col-check = Check
report-col-result = Result
report-status-pass = ✓ pass
report-status-fail = ✗ FAIL
report-status-pending = … pending
report-status-error = ! error
report-status-skipped = - skipped
report-hint = hint: { $hint }
report-source = source: { $source } · account { $account } · { $region }
report-score = Score: { $earned }/{ $possible } points, { $passed } of { $total } checks passed
report-lab = lab { $lab } { $version } ({ $digest })
