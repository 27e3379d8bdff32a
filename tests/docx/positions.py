#!/usr/bin/python3
"""positions.py VANBAN.pdf OTHER.pdf [TOL]: the header and the closing of
OTHER (LibreOffice's PDF of vanban's .docx) stand where vanban's own PDF
has them, within TOL points (default 3).

Words are read with pdftotext -bbox. The header's words (the national
title, the motto, the issuer, the number, the date, the type name) are
compared on page 1, in its upper part, as they are: left edge and bottom. The closing may
fall on another page and lower or higher, since the body wraps anew: its
words are compared from "Nơi nhận:" (the first signature line, the
signer's name), and "Nơi nhận:"'s left edge as it is. Prints every place
and exits 1 when one is off."""
import html
import re
import subprocess
import sys


def words(path):
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True,
                         capture_output=True, text=True).stdout
    pages, page = [], None
    for line in out.split("\n"):
        if "<page " in line:
            page = []
            pages.append(page)
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">(.*)</word>', line)
        if m and page is not None:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            page.append((html.unescape(m.group(5)), x0, y0, x1, y1))
    return pages


def find(pages, text, first_page_only=False, after=None):
    """The first word text (after the word `after`, given as (page, i))."""
    for p, page in enumerate(pages[:1] if first_page_only else pages):
        for i, w in enumerate(page):
            if after and (p, i) <= after:
                continue
            if w[0] == text and (not first_page_only or w[4] < 300):
                return p, i, w
    return None


def main():
    ours, other = words(sys.argv[1]), words(sys.argv[2])
    tol = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    # The header: the first word of each of its lines, on page 1.
    first = [w[0] for w in ours[0]]
    header = ["CỘNG", "ĐẢNG", "Độc", "Số:", "Số", "THÔNG", "QUYẾT", "BÁO", "KẾ", "GIẤY", "V/v"]
    bad = 0
    checked = 0
    for t in header:
        a, b = find(ours, t, True), find(other, t, True)
        if not a or not b:
            if bool(a) != bool(b):
                print("header: %r on page 1 of one only" % t)
                bad += 1
            continue
        dx, dy = b[2][1] - a[2][1], b[2][4] - a[2][4]
        ok = abs(dx) <= tol and abs(dy) <= tol
        checked += 1
        bad += not ok
        print("%s header %-6s x %.1f %+.1f  bottom %.1f %+.1f" % (
            "ok " if ok else "OFF", t, a[2][1], dx, a[2][4], dy))
    # The closing, from Nơi nhận.
    a, b = find(ours, "Nơi"), find(other, "Nơi")
    if not a or not b:
        print("no 'Nơi nhận:' in %s" % ("either" if not a and not b else "one"))
        return 1
    dx = b[2][1] - a[2][1]
    ok = abs(dx) <= tol
    bad += not ok
    print("%s closing Nơi    x %.1f %+.1f" % ("ok " if ok else "OFF", a[2][1], dx))
    # The signature's words on Nơi nhận's page, right of the middle: its
    # first line and its last (the name).
    def sig(pages, at):
        p, i, w = at
        page = pages[p]
        mid = (max(x[3] for x in page) + min(x[1] for x in page)) / 2
        right = [x for x in page[i:] if x[1] > mid - 20 and x[4] > w[4] - 30]
        right = [x for x in right if x[4] < w[4] + 400]
        return (right[0], right[-1]) if right else None
    sa, sb = sig(ours, a), sig(other, b)
    for name, k in (("signature first line", 0), ("signer's name", 1)):
        if not sa or not sb:
            print("no signature beside Nơi nhận")
            return 1
        wa, wb = sa[k], sb[k]
        ddx = (wb[1] - b[2][1]) - (wa[1] - a[2][1])
        ddy = (wb[4] - b[2][4]) - (wa[4] - a[2][4])
        ok = abs(ddx) <= tol and abs(ddy) <= tol and wa[0] == wb[0]
        bad += not ok
        print("%s closing %s %r: from Nơi nhận x %+.1f y %+.1f" % (
            "ok " if ok else "OFF", name, wa[0], ddx, ddy))
    print("%d places off" % bad)
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
