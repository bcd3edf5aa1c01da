import time, tempfile, shutil, sys
from pathlib import Path
from bot.clock import ManualClock
from tests.conftest import START, make_app
from tests.bench import scale_store as ss
tmp = Path(tempfile.mkdtemp())
app = make_app(tmp, ManualClock(START))
t = time.perf_counter()
ss.build_block(app)
print("block", time.perf_counter() - t)
db = Path(app.settings.database_url.removeprefix("sqlite:///"))
tops = ss.block_tops(db)
shutil.copy(db, "/tmp/scale_block.db")
for n in (1000, 10000, 100000):
    t = time.perf_counter(); ss.grow(db, tops, n); print(n, "grow", time.perf_counter() - t); ss.finish(app); print(n, time.perf_counter() - t)
print(db)
