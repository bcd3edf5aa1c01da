import sqlite3, time, sys
from pathlib import Path
from tests.bench import scale_store as ss
db = Path(sys.argv[1])
tops = {'ideas': 100, 'advices': 40, 'decisions': 30, 'progress_reports': 15, 'idea_people': 100, 'spend_requests': 10, 'projects': 63, 'project_tranches': 82, 'ledger': 23, 'outbox': 1680}
conn = sqlite3.connect(db, isolation_level=None)
j = 2000
params = {"j": j, "B": ss.BLOCK, "ptop": tops["projects"], **{name: j * tops[table] for table, name in ss.OFFSETS.items()}}
conn.execute("BEGIN IMMEDIATE")
for table, columns in ss.COPIES.items():
    t = time.perf_counter()
    conn.execute(f"INSERT INTO {table} SELECT {columns} FROM {table} WHERE {ss._block_rows(table)}", {**params, "top": tops[table]})
    print(table, round((time.perf_counter()-t)*1000, 2), "ms")
conn.execute("ROLLBACK")
