import cProfile, pstats, sys, time
from pathlib import Path
from bot.clock import ManualClock
from bot.config import Settings
from bot.bootstrap import build
from tests.conftest import START
from tests.cast import EMAIL
app = build(Settings.from_env({"VAART_DATABASE_URL": "sqlite:////tmp/scale100k/vaart.db", "VAART_VAR_DIR": "/tmp/scale100k"}), clock=ManualClock(START))
s = app.chat.session(EMAIL["kernteam"], "console")
cmd = sys.argv[1]
for _ in range(3): app.chat.handle(s, cmd)
t = time.perf_counter()
for _ in range(20): app.chat.handle(s, cmd)
print(cmd, (time.perf_counter()-t)/20*1000, "ms")
pr = cProfile.Profile(); pr.enable()
for _ in range(20): app.chat.handle(s, cmd)
pr.disable()
pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
