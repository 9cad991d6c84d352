"""A copy of the real site with several different defects: the strict build fails,
names every defective file, and writes nothing; `python -m sitecheck` agrees."""
import subprocess
import sys

from conftest import BUILD_ENV, REPO, mkdocs_build


def _break(root):
    """Inject five unrelated defects into a copy of the real site; return the files."""
    recs = sorted((root / "docs" / "recommendations").glob("[a-z]*-*.md"))
    devs = sorted((root / "docs" / "developments").glob("[a-z]*-*.md"))
    rec, dev, other_dev = recs[0], devs[0], devs[1]
    rec.write_text(rec.read_text(encoding="utf-8") + "\nSee [nowhere](../developments/no-such-page.md).\n",
                   encoding="utf-8")
    dev.write_text(dev.read_text(encoding="utf-8").replace("type: ", "type: rumour-", 1), encoding="utf-8")
    other_dev.write_text(other_dev.read_text(encoding="utf-8") + "\nAs reported [@no-such-source-2030].\n",
                         encoding="utf-8")
    (root / "docs" / "methodology.md").write_text(
        (root / "docs" / "methodology.md").read_text(encoding="utf-8") + '\n<iframe src="https://x.test"></iframe>\n',
        encoding="utf-8")
    bib = root / "bibliography" / "memorandum.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@online{broken-entry,\n  title = {Unclosed,\n", encoding="utf-8")
    return [p.relative_to(root).as_posix() for p in (rec, dev, other_dev, root / "docs" / "methodology.md", bib)]


def test_build_with_defects_fails_naming_each_file_and_writes_nothing(site_copy):
    files = _break(site_copy)
    site_dir = site_copy / "site"
    result = mkdocs_build(site_copy, site_dir)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for name in files:
        assert name in output, f"{name} not named in:\n{output}"
    assert "Traceback" not in output
    assert not site_dir.exists()


def test_check_command_reports_the_same_defects_without_building(site_copy):
    files = _break(site_copy)
    result = subprocess.run([sys.executable, "-m", "sitecheck", "--root", str(site_copy)],
                            capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 1
    for name in files:
        assert name in result.stdout
    assert not (site_copy / "site").exists()


def test_check_command_passes_on_the_real_site():
    result = subprocess.run([sys.executable, "-m", "sitecheck", "--root", str(REPO)],
                            capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stdout
    assert "\n0 error(s)" in "\n" + result.stdout
