#!/usr/bin/env bash
# Does the input workbook open cleanly outside Excel?  LibreOffice (headless) converts the
# blank workbook (`gen-report init`) and the bundled example (inputs/shenzhen-2020.xlsx)
# to PDF and to CSV (every sheet), then we check what it produced:
#   - a non-empty PDF for each workbook, and one CSV per sheet;
#   - the example's figures and names survive (公开03 row 2011301, 873.63);
#   - LibreOffice calculated our formulas: the banner "部门：…" reads the cover, and
#     every 项目支出绩效自评表's computed 总分 equals the 总分 the example states.
# Needs `soffice` (apt-get install -y libreoffice-calc-nogui). Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found: install it with  apt-get install -y libreoffice-calc-nogui" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile="file://$work/lo-profile"   # a private LibreOffice profile: no clash with a running one
csv_filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

.venv/bin/gen-report init -o "$work/blank.xlsx" >/dev/null
cp inputs/shenzhen-2020.xlsx "$work/example.xlsx"
soffice --version

for book in blank example; do
  start=$(date +%s.%N)
  mkdir -p "$work/$book-pdf" "$work/$book-csv"
  soffice -env:UserInstallation="$profile" --headless --convert-to pdf \
    --outdir "$work/$book-pdf" "$work/$book.xlsx" >/dev/null 2>&1
  soffice -env:UserInstallation="$profile" --headless --convert-to "$csv_filter" \
    --outdir "$work/$book-csv" "$work/$book.xlsx" >/dev/null 2>&1
  pdf="$work/$book-pdf/$book.pdf"
  [ -s "$pdf" ] || { echo "FAIL: $book.xlsx → PDF produced nothing" >&2; exit 1; }
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  sheets=$(ls "$work/$book-csv" | wc -l)
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%-8s PDF %s pages, %s sheets as CSV, %.1f s\n' "$book.xlsx" "${pages:-?}" "$sheets" "$seconds"
done

.venv/bin/python - "$work" <<'EOF'
"""Check the CSVs LibreOffice wrote: content survived, formulas were calculated."""
import csv
import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

work = Path(sys.argv[1])


def rows(book: str, sheet: str) -> list[list[str]]:
    with open(work / f"{book}-csv" / f"{book}-{sheet}.csv", encoding="utf-8") as f:
        return list(csv.reader(f))


for book in ("blank", "example"):
    names = load_workbook(work / f"{book}.xlsx", read_only=True).sheetnames
    missing = [n for n in names if not (work / f"{book}-csv" / f"{book}-{n}.csv").exists()]
    assert not missing, f"{book}: no CSV for sheets {missing}"

table = rows("example", "公开03")
assert any(r[:1] == ["2011301"] and "873.63" in r for r in table), "公开03 row 2011301 lost"
assert table[2][0].startswith("部门：深圳市扶贫协作和合作交流办公室"), table[2][:1]
projects = rows("example", "项目自评")
stated = [Decimal(r[1]) for r in projects if r[:1] == ["总分（填写则核对）"] and r[1]]
computed = [Decimal(r[1]) for r in projects if r[:1] == ["总分（计算，勿填）"] and r[1]]
assert stated and len(stated) == len(computed), (stated, computed)
for s, c in zip(stated, computed, strict=True):
    assert abs(s - c) <= Decimal("0.01"), f"computed 总分 {c} ≠ stated {s}"
print(f"content ok: 公开03 figures and banner; {len(stated)} computed 总分 equal the stated ones")
EOF
echo "LibreOffice check: OK"
