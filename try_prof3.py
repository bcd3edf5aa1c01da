import cProfile, pstats, tempfile, time
from pathlib import Path
from bot.clock import ManualClock
from tests.conftest import START, make_app
from tests.bench import scale_store as ss
from tests.cast import CAST
tmp = Path(tempfile.mkdtemp())
app = make_app(tmp, ManualClock(START))
for email, name, roles in CAST.values():
    app.people.add(ss.ADMIN, "bench", email, name, roles)
pr = cProfile.Profile(); pr.enable()
t=time.perf_counter()
for n in range(100):
    app.ideas.submit(ss.submitter(n), "bench", f"Idee {n}", "Omschrijving", opgaven=["5"])
print("100 submits", time.perf_counter()-t)
pr.disable()
st = pstats.Stats(pr); st.sort_stats("tottime").print_stats(15)
