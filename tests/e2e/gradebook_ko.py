"""The Korean HTML gradebook as an instructor opens it: a class graded offline
from the simulator's snapshots with `grade --lang ko --html`, then rendered by
headless Chromium with the Korean font from Debian (fonts-nanum, installed by
run.sh). Checks that a Korean font is installed, that the page says lang="ko"
and shows Korean, that the Hangul is drawn with a Korean font (the fonts a PDF
print embeds; without one Chromium draws tofu boxes), and that a screenshot
at 1280x900 is not blank and shows the heatmap's pass and fail colours.

Usage: gradebook_ko.py LABCHECK_BINARY [SCREENSHOT.png]
Prints one line per check and ends with "N passed, M failed"; exits 1 if any
check failed. The screenshot is kept at SCREENSHOT.png when given (to look at).
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CLASS = [("s01", "김민지", "complete"), ("s02", "이준", "wrong-partition-key"),
         ("s03", "박서연", "no-cors")]
PASS, FAIL = (0x2E, 0x7D, 0x32), (0xC6, 0x28, 0x28)
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}: {detail}")


def chromium(tmp, *args):
    """Runs headless Chromium with nothing reaching out; its stdout, or None."""
    for browser in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(browser):
            done = subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}", *args],
                capture_output=True, text=True, timeout=120)
            return done.stdout
    return None


def pixels(path):
    """An RGB(A) PNG as (width, height, channels, rows of bytes): enough of
    the format to read Chromium's screenshots, without an imaging library."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"PNG depth {depth} colour type {colour}"
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    n = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * n, [], bytearray(width * n)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - n] if i >= n else 0
            b, c = prev[i], prev[i - n] if i >= n else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, n, rows


def main():
    binary = os.path.abspath(sys.argv[1])
    keep = sys.argv[2] if len(sys.argv) > 2 else None
    fonts = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True).stdout
    check("a Korean font is installed (fc-list :lang=ko)", fonts.strip() != "", "install fonts-nanum")
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "class.toml")
        with open(roster, "w") as f:
            for sid, name, fixture in CLASS:
                snapshot = os.path.join(ROOT, "fixtures", "serverless", f"{fixture}.toml")
                f.write(f'[[student]]\nid = "{sid}"\nname = "{name}"\nsnapshot = "{snapshot}"\n\n')
        html = os.path.join(tmp, "grades.html")
        env = dict(os.environ, NO_COLOR="1", LABCHECK_LANG="en")
        run = subprocess.run([binary, "grade", "serverless", "--roster", roster, "--lang", "ko", "--html", html],
                             env=env, capture_output=True, text=True, timeout=120)
        check("grade --lang ko writes the gradebook", run.returncode == 1 and os.path.exists(html),
              f"exit {run.returncode}: {run.stderr[:300]}")
        if not os.path.exists(html):
            return
        dom = chromium(tmp, "--dump-dom", f"file://{html}")
        if dom is None:
            check("headless Chromium is installed", False, "install chromium")
            return
        check('the rendered page says <html lang="ko">', '<html lang="ko">' in dom, dom[:200])
        h1 = re.search(r"<h1>(.*?)</h1>", dom)
        check("the heading is Korean", h1 is not None and re.search("[가-힣]", h1.group(1)) is not None,
              h1.group(1) if h1 else "no <h1>")
        check("a row per student", dom.count('class="student"') == len(CLASS))

        pdf = os.path.join(tmp, "grades.pdf")
        chromium(tmp, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{html}")
        with open(pdf, "rb") as f:
            embedded = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z0-9_-]+)", f.read()))
        korean = [n.decode() for n in embedded if re.search(rb"Nanum|CJK|KR|Gothic|Myeongjo", n)]
        check("the Hangul is drawn with a Korean font (no tofu)", korean != [],
              f"fonts embedded: {sorted(n.decode() for n in embedded)}")

        shot = os.path.join(tmp, "grades.png")
        chromium(tmp, "--window-size=1280,900", f"--screenshot={shot}", f"file://{html}")
        if not os.path.exists(shot):
            check("a screenshot is taken", False)
            return
        if keep:
            shutil.copy(shot, keep)
            print(f"      screenshot: {os.path.abspath(keep)}")
        width, height, n, rows = pixels(shot)
        colours, ink, greens, reds = set(), 0, 0, 0
        for row in rows[::2]:
            for x in range(0, width * n, n * 2):
                px = tuple(row[x:x + 3])
                colours.add(px)
                ink += px != (255, 255, 255)
                greens += px == PASS
                reds += px == FAIL
        sampled = (height // 2) * (width // 2)
        check("the screenshot is not blank", len(colours) > 50 and ink > sampled // 20,
              f"{len(colours)} colours, {ink} of {sampled} sampled pixels not white")
        check("the heatmap shows pass and fail cells", greens > 500 and reds > 20, f"{greens} green, {reds} red")
    print(f"gradebook_ko e2e: {passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
    sys.exit(1 if failed else 0)
