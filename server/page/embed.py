#!/usr/bin/env python3
"""Writes the search page into a C++ source file, so morgue-serve carries it in its binary:
embed.py PAGE.html OUT.cpp"""
import sys

DELIMITER = "morgue_page"

page_path, out_path = sys.argv[1], sys.argv[2]
with open(page_path, encoding="utf-8") as f:
    page = f.read()
if ")" + DELIMITER + '"' in page:
    sys.exit(f"{page_path} holds the raw-string delimiter ){DELIMITER}\"")
# A raw string literal may be long, but each piece is kept under 60,000 bytes for old compilers.
pieces = []
rest = page
while rest:
    cut = min(len(rest), 60000)
    while cut < len(rest) and (ord(rest[cut]) & 0xC0) == 0x80:
        cut -= 1
    pieces.append(rest[:cut])
    rest = rest[cut:]
with open(out_path, "w", encoding="utf-8") as out:
    out.write("// Generated from server/page/index.html by server/page/embed.py: edit the page, not this.\n")
    out.write('#include "server/page.hpp"\n\nnamespace morgue::serve {\n\n')
    out.write("namespace {\nconstexpr char page[] =\n")
    for piece in pieces:
        out.write(f'    R"{DELIMITER}({piece}){DELIMITER}"\n')
    out.write(";\n}  // namespace\n\n")
    out.write("std::string_view search_page() noexcept { return {page, sizeof page - 1}; }\n\n")
    out.write("}  // namespace morgue::serve\n")
