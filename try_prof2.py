import cProfile, pstats, tempfile, time
from pathlib import Path
from bot.clock import ManualClock
from tests.conftest import START, make_app
from tests.bench import scale_store as ss
tmp = Path(tempfile.mkdtemp())
app = make_app(tmp, ManualClock(START))
pr = cProfile.Profile(); pr.enable()
ss.build_block(app)
pr.disable()
st = pstats.Stats(pr); st.sort_stats("cumulative").print_stats(45)
