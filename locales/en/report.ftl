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

# `labcheck grade --serve`: the terminal lines, then the live page's words
# (every `live-page-` message is sent to the page as a label).

live-listening = live class view: { $url } (Ctrl-C to stop)
live-token-warning = anyone holding this link sees every student's name and results: share it with no one, and open it only on a network you trust
live-round = round { $round } · { $time } · took { $took } · { $complete }/{ $total } complete · { $stuck } stuck · { $errors } not reached
live-stopped = stopped after round { $round }; writing the outputs
live-page-title = Live class view
live-page-round = Round
live-page-grading = grading…
live-page-waiting = waiting for the next round
live-page-updated = updated
live-page-student = Student
live-page-progress = Progress
live-page-current-step = Current step
live-page-last-progress = Last progress
live-page-complete = complete
live-page-stale = stuck
live-page-not-graded = not graded yet
live-page-error = could not be graded
live-page-pass-rate = Pass rate per check (worst first)
live-page-worst = worst
live-page-students-complete = students complete
live-page-close = Close
live-page-hint = Hint
live-page-report = Report
live-page-disconnected = connection lost; reconnecting…
live-page-status-pass = pass
live-page-status-fail = fail
live-page-status-pending = pending
live-page-status-error = error
live-page-status-skipped = skipped
