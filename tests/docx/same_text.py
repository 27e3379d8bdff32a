#!/usr/bin/python3
"""same_text.py VANBAN.pdf OTHER.pdf: the text of OTHER (LibreOffice's PDF of
vanban's .docx) is the text of VANBAN (vanban's own PDF).

Lines wrap differently in the two, and pdftotext reads the header's two
columns in another order, so the check is in two parts, whitespace left
out and lone page numbers dropped:
  - the same characters, each as many times (nothing lost, nothing added);
  - every line of OTHER is a stretch of VANBAN's text in its drawing order
    (so words keep their order within each line), or two stretches (a line
    across the end of vanban's page 1, whose foot is drawn after it).
Prints the first difference and exits 1 when they differ."""
import collections
import re
import subprocess
import sys


def lines(path, number_last):
    """The lines of path in drawing order (pdftotext -raw), whitespace
    left out; the page number of each page dropped: vanban draws it last,
    LibreOffice first (the page header)."""
    args = ["pdftotext", "-raw", path, "-"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    keep = []
    for page in out.split("\f"):
        ls = [re.sub(r"\s+", "", line) for line in page.split("\n")]
        ls = [s for s in ls if s]
        if ls and ls[-1 if number_last else 0].isdigit():
            del ls[-1 if number_last else 0]
        keep.extend(ls)
    return keep


def found(line, text):
    """line is a stretch of text, or two (a line cut by the page's end and
    the foot of page 1, which vanban draws after the page's lines)."""
    if line in text:
        return True
    return any(line[:k] in text and line[k:] in text for k in range(1, len(line)))


def main():
    ours, other = sys.argv[1], sys.argv[2]
    a = "".join(lines(ours, True))
    b_lines = lines(other, False)
    b = "".join(b_lines)
    ca, cb = collections.Counter(a), collections.Counter(b)
    if ca != cb:
        lost = ca - cb
        added = cb - ca
        print("characters differ: missing %r, extra %r" % (
            "".join(sorted(lost.elements()))[:80], "".join(sorted(added.elements()))[:80]))
        return 1
    for line in b_lines:
        if not found(line, a):
            print("line not in the PDF's text: %r" % line[:100])
            return 1
    print("same text: %d characters, %d lines" % (len(a), len(b_lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
