"""`make check`: every check of the build, without rendering the site."""
import argparse
import sys
import time
from pathlib import Path

from .findings import errors, report
from .run import check_site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitecheck", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: here)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    start = time.perf_counter()
    checked = check_site(root, root / "docs", root / "bibliography")
    elapsed = time.perf_counter() - start
    print(report(checked.findings))
    print(f"checked {len(checked.model.pages)} pages and {len(checked.bib.sources)} sources in {elapsed:.2f} s")
    return 1 if errors(checked.findings) else 0


if __name__ == "__main__":
    sys.exit(main())
