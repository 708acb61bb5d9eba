"""The terminal tier: labcheck run the way students and instructors run it,
in a real terminal (tmux, 100x40), against the workshop built in moto.

Piped runs cannot see what only a terminal shows (progress drawn from other
threads, a screen redrawn in place, Ctrl-C). Each run here must finish within
a bound, show the expected screen, and end with the documented exit code.

Usage: terminal.py ENDPOINT LABCHECK_BINARY
Prints one line per check, the progress frame an instructor sees while a
class of 30 is graded, and ends with "N passed, M failed".
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import urllib.request

import harness
import workshop

SOCKET = f"labcheck-e2e-{os.getpid()}"
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, timeout=30)


def env_flags(endpoint):
    values = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
              "AWS_REGION": workshop.REGION, "TERM": "xterm-256color", "AWS_ENDPOINT_URL": endpoint,
              "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
              "LABCHECK_LANG": "en"}
    flags = []
    for key, value in values.items():
        flags += ["-e", f"{key}={value}"]
    return flags


class Terminal:
    """One labcheck command in its own tmux window; the shell around it
    prints the exit code when it ends, and the pane stays for reading."""

    def __init__(self, name, endpoint, cwd, argv):
        self.name = name
        command = " ".join(shlex.quote(a) for a in argv)
        # bash waits for its child on Ctrl-C and goes on to print the code.
        # CI is unset because a person's terminal has none, and labcheck
        # draws no progress under CI, which is what this tier looks at.
        script = f"unset CI; cd {shlex.quote(cwd)} && {command}; echo LABCHECK-EXIT=$?; sleep 600"
        self.started = time.time()
        done = tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "40", *env_flags(endpoint),
                    "bash", "-c", script)
        if done.returncode != 0:
            raise RuntimeError(f"tmux: {done.stderr}")

    def screen(self, history=True):
        scroll = ["-J", "-S", "-3000"] if history else []
        return tmux("capture-pane", "-p", *scroll, "-t", self.name).stdout

    def wait_for(self, text, bound):
        deadline = time.time() + bound
        while time.time() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        return None

    def wait_for_count(self, text, count, bound):
        """Whether `text` has been drawn `count` times (across redraws) in time."""
        deadline = time.time() + bound
        while time.time() < deadline:
            if self.screen().count(text) >= count:
                return True
            time.sleep(0.2)
        return False

    def exit_code(self, bound):
        shown = self.wait_for("LABCHECK-EXIT=", bound)
        if shown is None:
            return None, self.screen()
        code = int(shown.split("LABCHECK-EXIT=")[1].split()[0])
        return code, shown

    def keys(self, *keys):
        tmux("send-keys", "-t", self.name, *keys)

    def close(self):
        tmux("kill-session", "-t", self.name)


def reset(endpoint):
    harness.reset_moto(endpoint)


def finished(term, bound, expect_code, expect_text):
    code, shown = term.exit_code(bound)
    took = time.time() - term.started
    if code is None:
        check(f"{term.name} finishes within {bound}s in a terminal", False, shown[-800:])
        return shown
    print(f"     {term.name}: finished in {took:.2f}s, exit {code}")
    check(f"{term.name} exits {expect_code}", code == expect_code, f"exit {code}\n{shown[-1500:]}")
    check(f"{term.name} shows {expect_text!r}", expect_text in shown, shown[-1500:])
    check(f"{term.name} leaves no spinner behind", "reading " not in shown and "grading s" not in shown,
          shown[-1500:])
    return shown


def verify_and_snapshot(endpoint, binary, tmp):
    reset(endpoint)
    workshop.build(endpoint)
    term = Terminal("verify", endpoint, tmp, [binary, "verify", "serverless"])
    finished(term, 60, 0, "Score: 34/34 points")
    term.close()
    term = Terminal("snapshot", endpoint, tmp, [binary, "snapshot", "serverless", "mine.toml"])
    finished(term, 60, 0, "wrote mine.toml")
    term.close()
    check("the snapshot file was written", os.path.exists(os.path.join(tmp, "mine.toml")))


def watch(endpoint, binary, tmp):
    """--watch: first report, a fix made in moto, the redraw, then Ctrl-C."""
    reset(endpoint)
    workshop.build(endpoint, "no-website")
    term = Terminal("watch", endpoint, tmp, [binary, "verify", "serverless", "--watch"])
    first = term.wait_for("watching; Ctrl-C to stop", 60)
    check("--watch draws the first report", first is not None and "FAIL" in first, term.screen()[-1500:])
    s3 = workshop.clients(endpoint)("s3")
    s3.put_bucket_website(Bucket=workshop.BUCKET,
                          WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    fixed = term.wait_for("Score: 34/34 points", 30)
    check("--watch redraws after the fix in moto", fixed is not None, term.screen()[-1500:])
    if fixed is not None:
        # Redrawn from the top of a cleared screen: what is visible ends with
        # the new report's score and the watching line, nothing after it.
        visible = term.screen(history=False).rstrip()
        check("--watch redraws in place", visible.endswith("watching; Ctrl-C to stop")
              and "Score: 34/34 points" in visible, visible[-800:])
    term.keys("C-c")
    code, shown = term.exit_code(15)
    check("Ctrl-C ends --watch with the last report's exit code (0)", code == 0, f"exit {code}\n{shown[-600:]}")
    term.close()


def watch_through_an_outage(endpoint, binary, tmp):
    """--watch against an endpoint that is down: it shows why and tries again
    on the next tick instead of ending; Ctrl-C then ends it with exit 3."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    term = Terminal("watch-outage", endpoint, tmp,
                    [binary, "verify", "serverless", "--watch", "--endpoint-url", dead])
    first = term.wait_for("trying again in 5s", 60)
    check("--watch shows a network error and keeps going", first is not None
          and f"could not reach {dead}" in first, term.screen()[-800:])
    again = term.wait_for_count("trying again in 5s", 2, 30)
    check("--watch tries again on the next tick", again, term.screen()[-800:])
    term.keys("C-c")
    code, shown = term.exit_code(15)
    check("Ctrl-C ends --watch after an outage with exit 3", code == 3, f"exit {code}\n{shown[-600:]}")
    term.close()


def account_of(n):
    return f"{200000000000 + n:012d}"


def grade_class(endpoint, binary, tmp, size):
    """A class of `size` moto accounts reached through roles, graded in a
    terminal; returns the busiest progress frame seen while it ran."""
    reset(endpoint)
    sts = workshop.clients(endpoint)("sts")
    lines = []
    for n in range(1, size + 1):
        account = account_of(n)
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/setup", RoleSessionName="setup")["Credentials"]
        credentials = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
                       "aws_session_token": creds["SessionToken"]}
        iam = workshop.clients(endpoint, credentials)("iam")
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"AWS": f"arn:aws:iam::{workshop.ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]}
        iam.create_role(RoleName="labcheck-audit", AssumeRolePolicyDocument=json.dumps(trust))
        workshop.build(endpoint, None, credentials, account=account, bucket=f"my-bucket-{account}")
        lines += ["[[student]]", f'id = "s{n:02d}"', f'name = "Student {n}"',
                  f'role_arn = "arn:aws:iam::{account}:role/labcheck-audit"', ""]
    with open(os.path.join(tmp, "class.toml"), "w") as f:
        f.write("\n".join(lines))
    term = Terminal("grade", endpoint, tmp, [binary, "grade", "serverless", "--roster", "class.toml",
                                              "--concurrency", "8"])
    busiest, deadline = "", time.time() + 120
    while time.time() < deadline:
        shown = term.screen(history=False)
        if "LABCHECK-EXIT=" in shown:
            break
        if shown.count("grading s") > busiest.count("grading s"):
            busiest = shown
        time.sleep(0.05)
    finished(term, 120, 0, f"({size} students, {size} graded)")
    term.close()
    return busiest


def main():
    endpoint, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        try:
            verify_and_snapshot(endpoint, binary, tmp)
            watch(endpoint, binary, tmp)
            watch_through_an_outage(endpoint, binary, tmp)
            frame = grade_class(endpoint, binary, tmp, 30)
            check("an instructor sees the class bar and a spinner per student in flight",
                  "students" in frame and frame.count("grading s") >= 2, frame)
            print("     what an instructor sees while 30 students are graded:")
            for line in frame.rstrip().splitlines():
                print(f"     | {line}")
        finally:
            tmux("kill-server")
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
