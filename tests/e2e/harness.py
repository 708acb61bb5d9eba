"""What the e2e scripts share: resetting moto, and reporting (run every case, print one
line per case and its problems, and a total line run.sh's reader knows)."""

import urllib.request


def reset_moto(endpoint):
    """Empties the moto at `endpoint`. With every lab's scripts filling one
    moto (classes of accounts, managed policies), a reset can take well over
    ten seconds, so it is given two minutes."""
    request = urllib.request.Request(endpoint + "/moto-api/reset", method="POST")
    urllib.request.urlopen(request, timeout=120).read()


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
