#!/usr/bin/env python3
"""Compacts the IEEE registries (Debian ieee-data CSVs) into vigil-detect's bundled resource.

usage: scripts/build-oui.py DIR_WITH_CSVS OUT.tsv.gz
Rows: prefix (hex, as many digits as the block: 6 MA-L, 7 MA-M, 9 MA-S/IAB), then the organisation.
"""
import csv, gzip, sys

src, out = sys.argv[1], sys.argv[2]
rows = {}
for name in ("oui.csv", "mam.csv", "oui36.csv", "iab.csv"):
    with open(f"{src}/{name}", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            prefix = r["Assignment"].strip().lower()
            org = " ".join(r["Organization Name"].split())
            if prefix and org:
                rows[prefix] = org
with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
    f.write("# IEEE MA-L/MA-M/MA-S/IAB registries (Debian ieee-data 20220827.1), prefix<TAB>organisation\n")
    for prefix in sorted(rows):
        f.write(f"{prefix}\t{rows[prefix]}\n")
print(len(rows), "prefixes")
