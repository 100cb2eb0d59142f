#!/usr/bin/env python3
"""Builds assets/la/local_authorities.csv, the kiosk's local-authority table, from the ONS LAD (May 2024)
centroids in ../shared/data/lad24_centroids_with_region.csv.

Only England and Wales (codes starting E or W). Columns: code,name_en,name_cy,region,lat,lon.
Facts only (codes, names, region, centroid); nothing else is copied.
Contains public sector information licensed under the Open Government Licence v3.0.

usage: scripts/import_la.py [--src PATH] [--out PATH]
"""
import argparse
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def shared_data():
    """$WAYMARK_SHARED_DATA, else ../shared/data beside the checkout (or beside its parent, for worktrees)."""
    env = os.environ.get("WAYMARK_SHARED_DATA")
    if env:
        return env
    for up in ("..", os.path.join("..", "..")):
        d = os.path.normpath(os.path.join(ROOT, up, "shared", "data"))
        if os.path.isdir(d):
            return d
    return os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=os.path.join(shared_data(), "lad24_centroids_with_region.csv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "assets", "la", "local_authorities.csv"))
    a = ap.parse_args()
    if not os.path.exists(a.src):
        sys.exit(f"import_la: {a.src} not found (the shared data folder is needed to rebuild the table)")
    rows = []
    with open(a.src, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["lad24cd"].strip()
            if not code or code[0] not in "EW" or len(code) != 9:
                continue
            lat, lon = float(r["latitude"]), float(r["longitude"])
            if not (49 <= lat <= 61 and -9 <= lon <= 3):
                sys.exit(f"import_la: {code} has a centroid outside Great Britain")
            region = r["region_name"].strip() or ("Wales" if code[0] == "W" else "")
            name = r["lad24nm"].strip()
            # "Bristol, City of" reads oddly on a child's screen: the kiosk shows "Bristol"
            for tail in (", City of", ", County of"):
                if name.endswith(tail):
                    name = name[: -len(tail)]
            rows.append([code, name, r["lad24nmw"].strip(), region, f"{lat:.6f}", f"{lon:.6f}"])
    rows.sort()
    codes = [r[0] for r in rows]
    if len(set(codes)) != len(codes):
        sys.exit("import_la: duplicate codes in the source")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name_en", "name_cy", "region", "lat", "lon"])
        w.writerows(rows)
    os.replace(tmp, a.out)
    e = sum(1 for c in codes if c[0] == "E")
    print(f"import_la: wrote {len(rows)} local authorities ({e} England, {len(rows) - e} Wales) to {a.out}")


if __name__ == "__main__":
    main()
