#!/usr/bin/python3
"""read_docx.py FILE.docx [KEY=VALUE]...: python-docx reads the file as
vanban meant it. Always: the named styles are there with the house
style's body size (body_size=, default 14) and font; the header is the
first table, two columns, no borders, the national title (national=) in
its right cell; the body's paragraphs are in "Vanban Body" and carry no
size of their own; the closing is the other borderless table, Nơi nhận in its first
cell and the signer's name (signer=) last in the signature's cell; a body
table's first row repeats (w:tblHeader). Also, when given: number= (the
number line), title= and author= (core properties), paragraph= (a
paragraph's exact text), tables= (how many tables). Prints what failed,
exit 1."""
import sys

import docx
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def main():
    path = sys.argv[1]
    want = dict(a.split("=", 1) for a in sys.argv[2:])
    d = docx.Document(path)
    bad = []

    def expect(cond, what):
        if not cond:
            bad.append(what)

    size = float(want.get("body_size", "14"))
    names = [s.name for s in d.styles]
    for n in ("Vanban Body", "Vanban Title", "Vanban Subject", "Vanban Issuer",
              "Vanban National Title", "Vanban Signature", "Vanban Recipients"):
        expect(n in names, "style %r missing" % n)
    body = d.styles["Vanban Body"]
    expect(body.font.size is not None and abs(body.font.size.pt - size) < 0.01,
           "Vanban Body is %s, not %s pt" % (body.font.size and body.font.size.pt, size))
    fmt = body.paragraph_format
    expect(fmt.first_line_indent is not None and abs(fmt.first_line_indent.mm - 12.7) < 0.1,
           "Vanban Body's first-line indent is not 12.7 mm")
    expect(str(fmt.alignment).startswith("JUSTIFY"), "Vanban Body is not justified")
    expect(d.styles["Vanban Title"].font.bold, "Vanban Title is not bold")
    rfonts = d.styles.element.find(".//" + W + "rPrDefault//" + W + "rFonts")
    expect(rfonts is not None and rfonts.get(W + "ascii") == want.get("font", "Times New Roman"),
           "the default font is not %s" % want.get("font", "Times New Roman"))

    tables = d.tables
    expect(len(tables) >= 2, "fewer than two tables (header, closing)")
    if "tables" in want:
        expect(len(tables) == int(want["tables"]), "%d tables, not %s" % (len(tables), want["tables"]))
    head = tables[0]
    expect(len(head.columns) == 2, "the header has %d columns" % len(head.columns))
    borders = head._tbl.tblPr.find(W + "tblBorders")
    expect(borders is not None and all(e.get(W + "val") == "nil" for e in borders),
           "the header table has borders")
    right = head.cell(0, 1).text
    national = want.get("national", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(right.replace("\n", " ").startswith(national), "header's right cell: %r" % right[:60])
    if "number" in want:
        num = head.cell(1, 0).paragraphs[0].text
        expect(num == want["number"], "number line %r, not %r" % (num, want["number"]))

    paras = [p for p in d.paragraphs if p.style.name == "Vanban Body"]
    expect(len(paras) > 0, "no paragraph in Vanban Body")
    for p in paras:
        for r in p.runs:
            expect(r.font.size is None, "a body run has its own size: %r" % r.text[:40])
    if "paragraph" in want:
        texts = [p.text for p in d.paragraphs]
        expect(want["paragraph"] in texts, "no body paragraph %r" % want["paragraph"][:60])

    def borderless(t):
        b = t._tbl.tblPr.find(W + "tblBorders")
        return b is not None and all(e.get(W + "val") == "nil" for e in b)
    plain = [t for t in tables[1:] if borderless(t)]
    expect(len(plain) == 1, "%d borderless tables after the header, not one" % len(plain))
    close = plain[-1] if plain else tables[-1]
    expect(close.cell(0, 0).paragraphs[0].text == "Nơi nhận:" or
           close.rows[-1].cells[0].paragraphs[0].text == "Nơi nhận:",
           "the closing table does not start Nơi nhận")
    expect(close.rows[0]._tr.find(W + "trPr/" + W + "cantSplit") is not None,
           "the closing's row may split")
    if "signer" in want:
        names = [c.paragraphs[-1].text for c in close.rows[0].cells]
        expect(want["signer"] in names, "signer %r not in %r" % (want["signer"], names))

    for t in tables[1:]:
        tr = t.rows[0]._tr
        if not borderless(t):
            expect(tr.find(W + "trPr/" + W + "tblHeader") is not None,
                   "a table's header row does not repeat")

    cp = d.core_properties
    for k in ("title", "author"):
        if k in want:
            expect(getattr(cp, k) == want[k], "%s %r, not %r" % (k, getattr(cp, k), want[k]))
    for b in bad:
        print("%s: %s" % (path, b))
    if not bad:
        print("%s: read as expected (%d body paragraphs, %d tables)" % (path, len(paras), len(tables)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
