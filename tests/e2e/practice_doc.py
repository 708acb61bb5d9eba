"""End-to-end: docs/practice-without-aws.md is run as written, so the page a
learner follows without an AWS account cannot rot.

Every ```sh block of the page runs, in order, in one bash session in an empty
temporary directory, against the moto the page itself starts (on 127.0.0.1,
on a free port from 5000 to 5999 given as LABCHECK_MOTO_PORT: the page's one
variable the test sets). A block must succeed (`set -e`), except those that
run `labcheck verify` and print its exit status (they hold nothing else, so
no other command escapes `set -e`); the ```text block after
a ```sh block lists lines its output must have, in order. The Korean page
must run the same commands, and its reports are checked against the same
blocks run again with LABCHECK_LANG=ko. The page's opening comment states
these rules for its writers.

Usage: practice_doc.py LABCHECK_BINARY
Prints one line per block and ends with "practice doc: N passed, M failed".
"""

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "..", "docs")
EN = os.path.join(DOCS, "practice-without-aws.md")
KO = os.path.join(DOCS, "practice-without-aws.ko.md")
SKIP = "…"
BLOCK_TIMEOUT = 180  # seconds; a block that hangs is a failure, not a stuck tier
VERIFY = re.compile(r"^\s*labcheck verify\b", re.M)
RUNS_LABCHECK = re.compile(r"^\s*labcheck\b", re.M)
ECHO_STATUS = 'echo "exit status: $?"'
SCORE = {"en": "Score:", "ko": "점수:"}


def fenced_blocks(path):
    """[(info, text, line)] of the page's fenced blocks, in order."""
    blocks, current = [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if current is None:
                if line.startswith("```"):
                    current = (line[3:].strip(), [], number)
            elif line.rstrip("\n") == "```":
                blocks.append((current[0], "".join(current[1]), current[2]))
                current = None
            else:
                current[1].append(line)
    if current is not None:
        raise ValueError(f"{path}:{current[2]}: a fence that is never closed")
    return blocks


def steps(path):
    """[(sh block, its ```text block or None, line)]: each ```text block
    belongs to the ```sh block before it."""
    result = []
    for info, text, line in fenced_blocks(path):
        if info == "sh":
            result.append([text, None, line])
        elif info == "text":
            if not result or result[-1][1] is not None:
                raise ValueError(f"{path}:{line}: a ```text block with no ```sh block of its own before it")
            result[-1][1] = text
    return result


def commands(block):
    """A block without its comment lines: the Korean page may translate those."""
    return "\n".join(l for l in block.splitlines() if not l.lstrip().startswith("#"))


def free_port():
    for port in range(5000, 6000):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port from 5000 to 5999")


def expect(output, expected, port):
    """Problems if `expected`'s lines (but `…`) are not lines of `output` in
    this order."""
    have = [l.rstrip() for l in output.splitlines()]
    at = 0
    for want in expected.splitlines():
        want = want.rstrip().replace("127.0.0.1:5000", f"127.0.0.1:{port}")
        if want.strip() == SKIP:
            continue
        try:
            at = have.index(want, at) + 1
        except ValueError:
            return [f"missing (or out of order): {want!r}", "output was:", *("  | " + l for l in have)]
    return []


class Session:
    """One bash, fed one block at a time; a marker line ends each block's
    output. Blocks run from files with stdin from /dev/null, so no command
    can read the next block as its input."""

    def __init__(self, cwd, env, scripts):
        self.scripts, self.count = scripts, 0
        self.marker = f"__practice_doc_{os.getpid()}_done__"
        self.bash = subprocess.Popen(
            ["bash", "--noprofile", "--norc"], cwd=cwd, env=env, text=True, bufsize=1,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,  # the page's moto joins this group, so cleanup can reach it
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.bash.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def run(self, block, errexit, lang=None):
        """(output, problem or None). With errexit, a failing command ends
        the shell, and the session with it."""
        self.count += 1
        path = os.path.join(self.scripts, f"block-{self.count}.sh")
        with open(path, "w") as f:
            f.write(block)
        if lang:
            line = f"(export LABCHECK_LANG={lang}; . '{path}') < /dev/null"
        else:
            line = f"{'set -e; ' if errexit else ''}. '{path}' < /dev/null; set +e"
        self.bash.stdin.write(f"{line}\necho {self.marker}\n")
        self.bash.stdin.flush()
        output, deadline = [], time.monotonic() + BLOCK_TIMEOUT
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                return "".join(output), f"still running after {BLOCK_TIMEOUT}s"
            if line is None:
                return "".join(output), f"a command failed (bash exited {self.bash.wait()})"
            if line.rstrip("\n") == self.marker:
                return "".join(output), None
            output.append(line)

    def close(self):
        try:
            self.bash.stdin.close()
            self.bash.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:  # whatever the page left running (moto, if a block failed before stopping it)
            os.killpg(self.bash.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


def structure_problems(en, ko):
    """The Korean page runs the same commands, with a report wherever the
    English page has one."""
    problems = []
    if [commands(b) for b, _, _ in en] != [commands(b) for b, _, _ in ko]:
        for (a, _, la), (b, _, lb) in zip(en, ko):
            if commands(a) != commands(b):
                problems.append(f"practice-without-aws.ko.md:{lb}: differs from practice-without-aws.md:{la}")
                break
        else:
            problems.append(f"the pages have {len(en)} and {len(ko)} ```sh blocks")
    for lang, page in (("en", en), ("ko", ko)):
        for block, text, line in page:
            if VERIFY.search(block):
                lines = [l.strip() for l in commands(block).splitlines() if l.strip()]
                if len(lines) != 2 or not VERIFY.match(lines[0]) or lines[1] != ECHO_STATUS:
                    problems.append(f"{lang} page line {line}: a block that runs `labcheck verify` runs it without "
                                    f"`set -e`, so it must hold only that line and `{ECHO_STATUS}`")
                text = text or ""
                if not re.search(r"^exit status: \d+$", text, re.M) or SCORE[lang] not in text:
                    problems.append(f"{lang} page line {line}: a `labcheck verify` block needs a ```text block "
                                    f"after it showing its `{SCORE[lang]}` line and `exit status: N`")
    for (_, a, la), (_, b, lb) in zip(en, ko):
        if (a is None) != (b is None):
            problems.append(f"lines {la} (en) and {lb} (ko): one page shows this block's output, the other not")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    started = time.monotonic()
    en, ko = steps(EN), steps(KO)
    problems = structure_problems(en, ko)
    print(f"{'FAIL' if problems else 'ok  '} practice doc: page structure (the same commands in en and ko, each verify with its report)")
    for p in problems:
        print(f"     {p}")
    passed, failed = (0, 1) if problems else (1, 0)

    port = free_port()
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryDirectory() as tools:
        os.symlink(binary, os.path.join(tools, "labcheck"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            PATH=tools + os.pathsep + os.environ["PATH"],
            LABCHECK_LANG="en",
            LABCHECK_MOTO_PORT=str(port),
            # Only what the page sets: no one's ~/.aws reaches the session.
            AWS_CONFIG_FILE=os.path.join(tools, "no-config"),
            AWS_SHARED_CREDENTIALS_FILE=os.path.join(tools, "no-credentials"),
        )
        session = Session(work, env, tools)
        try:
            for i, ((block, text, line), (_, ko_text, ko_line)) in enumerate(zip(en, ko), 1):
                verify = bool(VERIFY.search(block))
                output, problem = session.run(block, errexit=not verify)
                block_problems = [problem] if problem else []
                if problem:
                    block_problems += ["output was:", *("  | " + l for l in output.splitlines())]
                elif text is not None:
                    block_problems += expect(output, text, port)
                # The Korean report, from the same state: labcheck only reads.
                if not problem and ko_text is not None:
                    if RUNS_LABCHECK.search(block):
                        ko_output, ko_problem = session.run(block, errexit=False, lang="ko")
                        block_problems += [f"ko: {ko_problem}"] if ko_problem else []
                        block_problems += [f"ko (line {ko_line}): {p}" for p in expect(ko_output, ko_text, port)]
                    elif ko_text != text:
                        block_problems.append(f"ko line {ko_line}: this output should be the same as the English page's")
                first = block.strip().splitlines()[0] if block.strip() else ""
                name = f"block {i} (line {line}): {first[:60]}"
                if block_problems:
                    failed += 1
                    print(f"FAIL {name}")
                    for p in block_problems:
                        print(f"     {p}")
                    if problem:  # the session is gone or stuck: the later blocks cannot run
                        break
                else:
                    passed += 1
                    print(f"ok   {name}")
        finally:
            session.close()
    print(f"practice doc took {time.monotonic() - started:.1f}s on port {port}")
    print(f"practice doc: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
