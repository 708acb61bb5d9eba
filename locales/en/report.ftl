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

## `labcheck grade`: the terminal gradebook, the CSV header, each student's
## feedback file and the HTML page. Counts are numbers, so English can say
## "1 student" and "2 students".

gradebook-title = { $lab } — { $title } ({ $students ->
        [one] 1 student
       *[other] { $students } students
    }, { $graded } graded)
gradebook-col-student = Student
gradebook-col-total = Total
gradebook-col-percent = %
gradebook-error = ERROR
gradebook-steps = steps: { $legend }
gradebook-not-graded = not graded:
gradebook-no-reason = no reason given
gradebook-worst = What the class got wrong most:
gradebook-col-worst-check = Check (worst first)
gradebook-col-passed = Passed
gradebook-col-rate = Rate
gradebook-could-not-grade-one = could not grade 1 student ({ $ids }): { $cause }
gradebook-could-not-grade = could not grade { $count } students ({ $ids }): { $cause }
gradebook-could-not-grade-more = could not grade { $count } students ({ $ids } and { $more } more): { $cause }

# The CSV header, column by column (see docs/instructors.md: the order never
# changes, and step columns are named by step id in every language).
csv-id = id
csv-name = name
csv-total = total
csv-possible = possible
csv-percent = percent
csv-status = status

# A student's feedback file (Markdown).
feedback-score = Score: { $earned }/{ $possible } points, { $passed } of { $total } checks passed.
feedback-not-graded = Your account could not be graded: { $reason }
feedback-hint = Hint: { $hint }

# The HTML gradebook. Status words are shown in the heatmap and the legend.
html-title = Gradebook: { $lab } { $version }
html-heading = Gradebook: { $title }
html-lab = Lab
html-version = version
html-digest = digest
html-counts = { $students ->
        [one] 1 student
       *[other] { $students } students
    }, { $graded } graded, { $failed } could not be graded.
html-class-by-check = Class by check
html-legend = Legend
html-col-student = Student
html-col-points = Points
html-col-percent = Percent
html-checks = Checks
html-status-pass = pass
html-status-fail = fail
html-status-pending = pending
html-status-error = error
html-status-skipped = skipped
html-cell = { $title }: { $status } ({ $points }/{ $max })
html-cell-missing = { $title }: not reported
html-row-error = could not be graded: { $reason }
html-rates = Pass rate by check, worst first
html-rates-note = The checks at the top are what to teach again.
html-no-graded = no graded students
html-left = What each student has left to do
html-student-error = Could not be graded: { $reason }
html-all-passed = Every check passed.
html-hint = Hint: { $hint }

## `labcheck labs` and `labcheck show`.

labs-col-lab = Lab
labs-col-title = Title
labs-col-region = Region
labs-col-checks = Checks
labs-run-one = Run one with: labcheck verify LAB --sim
show-heading = { $lab } — { $title } (version { $version })
show-workshop = workshop: { $workshop }
show-region = region: { $region }
show-col-parameter = Parameter
show-col-value = Value
show-col-meaning = Meaning
show-set-hint = (change one with --set NAME=VALUE)
show-col-check = Check
show-col-looks-for = Looks for
show-col-points = Points

## Progress on a terminal (stderr, only when it is a terminal)
progress-reading = reading { $what }…
progress-service-iam = IAM users and roles
progress-service-dynamodb = DynamoDB tables
progress-service-lambda = Lambda functions
progress-service-apigateway = API Gateway REST APIs
progress-service-s3 = S3 buckets
progress-service-regions = other regions
progress-service-probes = HTTP probes
progress-grading = grading { $id }…
progress-students = students
progress-not-graded = · { $count } could not be graded

## grade: notes and --check-access
grade-journal-kept = note: the earlier journal is kept as { $path }
grade-access-ok = ok
grade-access-fail = FAIL
grade-access-summary = { $reached } of { $total } students reachable

## verify --verbose, snapshot
verbose-calls = { $count } AWS API calls in { $region }:
snapshot-wrote = wrote { $file } (account { $account }, { $region })

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
