#!/usr/bin/python3
"""order.py FILE.docx: the properties of paragraphs, runs, tables, rows,
cells and sections of every part are in the order of the WordprocessingML
schema (ECMA-376 Part 1, §17), which Word insists on where LibreOffice
and python-docx do not. Prints each element out of order, exit 1."""
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
           "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
           "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
           "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
           "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
           "sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
           "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
           "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
           "specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
             "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
            "tcFitText vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
              "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
              "textDirection bidi rtlGutter docGrid printerSettings",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
             "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr "
             "rPr tblPr trPr tcPr tblStylePr",
}
# headerReference and footerReference may come in any order among themselves.
SAME = {"footerReference": "headerReference"}


def main():
    bad = 0
    z = zipfile.ZipFile(sys.argv[1])
    for name in z.namelist():
        if not name.endswith(".xml"):
            continue
        root = ET.fromstring(z.read(name))
        for el in root.iter():
            tag = el.tag.replace(W, "")
            if tag not in ORDER or not el.tag.startswith(W):
                continue
            seq = ORDER[tag].split()
            last = -1
            for c in el:
                ct = c.tag.replace(W, "")
                ct = SAME.get(ct, ct) if tag == "sectPr" else ct
                if ct not in seq:
                    print("%s: unknown %s in %s" % (name, ct, tag))
                    bad += 1
                    continue
                k = seq.index(ct)
                if k < last:
                    print("%s: %s after %s in %s" % (name, ct, seq[last], tag))
                    bad += 1
                last = max(last, k)
    if not bad:
        print("%s: properties in the schema's order" % sys.argv[1])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
