#!/usr/bin/env python3
"""make-pdfs.py: writes the small PDF fixtures of tests/data/pdf/ (see ../README.md).

Run from this folder: python3 make-pdfs.py; then, for encrypted.pdf (qpdf from Debian):
  qpdf --encrypt secret owner 256 -- two-pages.pdf encrypted.pdf
The PDFs are written by hand (no library): a Helvetica font in WinAnsiEncoding,
one content stream per page, a correct cross-reference table.
"""


def pdf(pages, path):
    """pages: a list of content streams (bytes). Writes a PDF with one font."""
    objs = []  # bodies, object i+1
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, content in enumerate(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(bytes(out))
    return bytes(out)


def text(lines, top=780):
    """A content stream writing lines (str, Latin-1 range) from the top of the page."""
    s = b"BT /F1 11 Tf 14 TL 72 %d Td\n" % top
    for line in lines:
        esc = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        s += b"(" + esc + b") Tj T*\n"
    return s + b"ET"


page1 = text(["A/75/371", "", "Assemblée générale", "",
              "Rapport du Secrétaire général sur la coopération Sud-Sud", "",
              "1. La coopération Sud-Sud et la coopération triangulaire sont au cœur",
              "du développement durable des États Membres.", "", "20-12800 (F)"])
page2 = text(["A/75/371", "",
              "2. Le Programme des Nations Unies pour le développement (PNUD) appuie",
              "les initiatives régionales.", "", "20-12800 2/2"])
good = pdf([page1, page2], "two-pages.pdf")
open("truncated.pdf", "wb").write(good[: len(good) // 2])       # cut in the middle of the page objects
open("damaged.pdf", "wb").write(b"%PDF-1.4\n" + bytes(range(256)) * 4)  # a header, then noise
# a page that only draws (a grey rectangle, as a scan would be an image): no text layer
pdf([b"0.5 g 72 72 451 698 re f"], "scanned.pdf")
