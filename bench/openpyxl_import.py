"""What an office scripter would write: openpyxl (read-only mode) and sqlite3 from Debian's packages.
Reads the flat sheet (地区代码 | 地区 | 指标或统计项 | 年份 | 数值 | 单位 | …), maps names to codes with a dict,
inserts every row in one transaction. Prints {seconds, rows, maxRssMb} as JSON."""
import json, resource, sqlite3, sys, time

import openpyxl

path, db_path, names_path = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
names = json.load(open(names_path, encoding="utf-8"))
db = sqlite3.connect(db_path)
db.execute("CREATE TABLE IF NOT EXISTS observation (region_code TEXT, series_code TEXT, year INTEGER, value REAL, PRIMARY KEY (region_code, series_code, year))")
wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
rows = []
for ws in wb.worksheets:
    it = ws.iter_rows(values_only=True)
    next(it)  # header
    for r in it:
        if r[0] is None:
            continue
        rows.append((str(r[0]), names[r[2]], int(r[3]), float(r[4])))
with db:
    db.executemany("INSERT OR REPLACE INTO observation VALUES (?, ?, ?, ?)", rows)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rows": len(rows), "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
