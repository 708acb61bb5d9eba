"""What the e2e scripts share: resetting moto, running labcheck against it,
the read-only policy's actions, replaying a snapshot to the live verdict,
reporting (run every case, print one line per case and its problems, and a
total line run.sh's reader knows), and watching `grade --serve`'s live view
turn a student's cell from fail to pass."""

import csv
import json
import os
import queue
import signal
import subprocess
import threading
import tempfile
import time
import urllib.request

POLICY = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "iam", "labcheck-readonly.json")


def reset_moto(endpoint):
    """Empties the moto at `endpoint`. With every lab's scripts filling one
    moto (classes of accounts, managed policies), a reset can take well over
    ten seconds, so it is given two minutes."""
    request = urllib.request.Request(endpoint + "/moto-api/reset", method="POST")
    urllib.request.urlopen(request, timeout=120).read()


def lab_env(region):
    """labcheck's environment against moto: moto's credentials, the lab's
    region, no colour, English, and no profile from the machine."""
    e = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
             AWS_REGION=region, NO_COLOR="1", LABCHECK_LANG="en")
    e.pop("AWS_PROFILE", None)
    return e


def labcheck(binary, endpoint, env, *args):
    """One labcheck command against the moto at `endpoint`."""
    return subprocess.run([binary, *args, "--endpoint-url", endpoint], env=env,
                          capture_output=True, text=True, timeout=120)


def allowed_actions():
    """The actions docs/iam/labcheck-readonly.json allows: every call labcheck makes must be one."""
    with open(POLICY) as f:
        return set(json.load(f)["Statement"][0]["Action"])


def calls_made(run):
    """The IAM actions a `--verbose` run lists on stderr."""
    return {line.split()[1] for line in run.stderr.splitlines() if line.startswith("  ")}


def unlisted(used, allowed):
    """A problem for each call the read-only policy does not allow."""
    return [f"called {action}, which docs/iam/labcheck-readonly.json does not list"
            for action in sorted(used - allowed)]


def checks_of(report):
    """A `--output json` report's checks by id."""
    return {c["id"]: c for s in report["steps"] for c in s["checks"]}


def replay_snapshot(binary, endpoint, env, lab, live, extra=(), inspect=None):
    """Snapshots the account `live` (a `verify --output json` run) read, and
    replays the snapshot on the simulator: it must give the same exit code,
    and every check the same status and code. `inspect(text)` may add
    problems of the snapshot's own (an address left unmasked). Returns the
    problems."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "snapshot.toml")
        snap = labcheck(binary, endpoint, env, "snapshot", lab, path, *extra)
        if snap.returncode != 0:
            return [f"snapshot exit {snap.returncode}: {snap.stderr.strip()[:300]}"]
        if inspect:
            with open(path) as f:
                problems += inspect(f.read())
        replay = subprocess.run([binary, "verify", lab, "--sim", path, "--output", "json", *extra],
                                env=env, capture_output=True, text=True, timeout=60)
        if replay.returncode != live.returncode:
            problems.append(f"snapshot replays with exit {replay.returncode}, live gave {live.returncode}: "
                            f"{replay.stderr.strip()[:300]}")
        try:
            def verdicts(run):
                return {k: (c["status"], c["code"]) for k, c in checks_of(json.loads(run.stdout)).items()}
            again, got = verdicts(replay), verdicts(live)
            if again != got:
                differ = {k: (got.get(k), v) for k, v in again.items() if got.get(k) != v}
                problems.append(f"snapshot replays to other statuses or codes than the live run: {differ}")
        except json.JSONDecodeError:
            problems.append(f"snapshot replay is not JSON: {replay.stderr[:300]}")
    return problems


def run_cases(names, run_one, prefix="", total="e2e"):
    """Runs `run_one(name)` (a list of problems, empty when it passed) for
    each name; a case that raises is a failure, not a crash. Returns the exit
    code: 1 if any case failed."""
    passed = failed = 0
    for name in names:
        try:
            problems = run_one(name)
        except Exception as e:  # a case that cannot be built is a failure, not a crash
            problems = [f"{type(e).__name__}: {e}"]
        if problems:
            failed += 1
            print(f"FAIL {prefix}{name}")
            for p in problems:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   {prefix}{name}")
    print(f"{total}: {passed} passed, {failed} failed")
    return 1 if failed else 0


def wait_until(probe, seconds, every=0.2):
    """Calls `probe()` until it returns something true or `seconds` pass;
    returns its last answer (false when the deadline came first)."""
    deadline = time.time() + seconds
    while True:
        answer = probe()
        if answer or time.time() >= deadline:
            return answer
        time.sleep(every)


def serve_fix(command, env, csv_path, student, checks, fix, start_within=60, fix_within=30):
    """`grade --serve` seen through its JSON as the instructor's page sees it.

    `command` is a `grade LAB --roster …` command line without --serve,
    --every and --csv (added here: 127.0.0.1, a free port, rounds 2 s apart,
    the CSV at `csv_path`). Each of `checks` of `student` must first be `fail` in
    /api/class; then `fix()` (the student's fix, made through boto3) runs and
    every one must turn to `pass` within `fix_within` seconds, without a
    restart. Ctrl-C (SIGINT) must then stop the server and write the CSV with
    a row for every student of the view. Returns the problems (empty: passed)."""
    checks = [checks] if isinstance(checks, str) else list(checks)
    proc = subprocess.Popen([*command, "--serve", "127.0.0.1:0", "--every", "2s", "--csv", csv_path],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines, said = queue.Queue(), []

    def read_stderr():
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)  # the server is gone

    threading.Thread(target=read_stderr, daemon=True).start()
    problems, seen = [], set()
    try:
        url, deadline = None, time.time() + start_within
        while url is None and time.time() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                break
            said.append(line)
            if "live class view: http://" in line:
                url = "http://" + line.split("http://")[1].split()[0].rstrip("/")
        if url is None:
            return [f"--serve printed no URL (exit {proc.poll()}): {''.join(said)[-500:]}"]

        def statuses():
            """`student`'s status of each of `checks`, in one GET of /api/class."""
            with urllib.request.urlopen(url + "/api/class", timeout=30) as r:
                # Before round 1 ends the view has no students yet.
                students = json.load(r).get("students", [])
            seen.update(s["id"] for s in students)
            return {c: status_of(students, student, c) for c in checks}

        def graded():
            now = statuses()
            return now if all(now.values()) else None

        first = wait_until(graded, max(deadline - time.time(), 0))
        for check in checks:
            status = (first or {}).get(check)
            if status != "fail":
                problems.append(f"{student} {check} starts as {status}, expected fail")
        fix()
        if not wait_until(lambda: all(s == "pass" for s in statuses().values()), fix_within):
            problems.append(f"{student} did not turn to pass in the live view within {fix_within} s: "
                            f"{statuses()}")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            problems.append("--serve did not stop on Ctrl-C")
    if not os.path.exists(csv_path):
        return problems + ["Ctrl-C did not write the CSV"]
    with open(csv_path, newline="") as f:
        ids = {row[0] for row in list(csv.reader(f))[1:] if row}
    problems += [f"the CSV has no row for {sid}" for sid in sorted(seen - ids)]
    return problems


def status_of(students, sid, check):
    """The status of `sid`'s `check` in /api/class's `students` (None: not
    graded yet, or no such cell)."""
    for s in students:
        if s["id"] == sid:
            for step in s.get("steps", []):
                for c in step["checks"]:
                    if c["id"] == check:
                        return c["status"]
    return None
