"""The README's way to sign in to the web pages on the embedded default, as written: `vaart serve`,
then `vaart web-login EMAIL`, then the printed link opens a session (real processes on 127.0.0.1)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.web.server import free_port

ROOT = Path(__file__).resolve().parents[2]
VAART = str(Path(sys.executable).parent / "vaart")


def test_signing_in_on_the_embedded_default_works_as_the_readme_says(tmp_path: Path) -> None:
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("**Signing in on the embedded default**", 1)[1]
    lines = re.search(r"```sh\n(.*?)```", block, re.S)
    assert lines
    commands = [re.split(r"\s{2,}#", line)[0].strip() for line in lines.group(1).splitlines()]
    assert commands == [".venv/bin/vaart serve &", ".venv/bin/vaart web-login k.kern@regiodeal-zod.nl"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "VAART_VAR_DIR": str(tmp_path / "var"), "VAART_WEB_BASE_URL": base}
    subprocess.run([VAART, "people", "add", "--name", "Kees Kern", "--email", "k.kern@regiodeal-zod.nl",
                    "--role", "kernteam"], env=env, check=True, capture_output=True, timeout=120)
    server = subprocess.Popen([VAART, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        printed = subprocess.run([VAART, "web-login", "k.kern@regiodeal-zod.nl"], env=env, check=True,
                                 capture_output=True, text=True, timeout=120).stdout
        link = printed.splitlines()[0]
        assert link.startswith(f"{base}/aanmelden/link?token=") and "15 minuten" in printed
        with httpx.Client(base_url=base, timeout=10, follow_redirects=True) as http:
            for _ in range(600):  # until the server listens (start-up, not a timed assertion)
                try:
                    page = http.get(link)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            assert page.status_code == 200 and "Aanmelden" in page.text
            answer = http.post("/aanmelden/link", headers={"origin": base},
                               data={"formulier": http.cookies["vaart_formulier"], "token": link.split("token=")[1]})
            assert answer.status_code == 200 and "Werkvoorraad" in answer.text and "Kees Kern" in answer.text
    finally:
        server.terminate()
        server.wait(timeout=30)
