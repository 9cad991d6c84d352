"""`make serve`: another address on request; on a content error the preview shows the
findings as a page instead of stopping, while `make site` still fails."""
import subprocess
import sys

from conftest import BUILD_ENV, REPO
from sitefactory import DEV, write_buildable_site


def test_serve_takes_an_address():
    result = subprocess.run(["make", "-n", "serve", "ADDR=0.0.0.0:8001"], capture_output=True, text=True, cwd=REPO)
    assert "mkdocs serve --strict --dev-addr 0.0.0.0:8001" in result.stdout, result.stdout + result.stderr


def test_preview_with_an_error_serves_the_findings(tmp_path):
    root = write_buildable_site(tmp_path, {"developments/cn-2024-initiative.md": DEV.replace(
        "type: initiative", "type: rumour")})
    site = root / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            capture_output=True, text=True, cwd=root, env={**BUILD_ENV, "SITE_PREVIEW": "1"})
    assert result.returncode == 0, result.stderr
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "The site has errors" in page
    assert ("docs/developments/cn-2024-initiative.md:7: error [front-matter-bad-value] "
            "'type' is 'rumour'") in page
    assert not (site / "developments").exists()  # only the findings, not a half-checked site
