"""The site's content model and its checks, as plain functions over plain data.

Nothing here imports MkDocs: `build_hook.py` adapts these functions to the MkDocs build,
and `python -m sitecheck` runs the same checks without rendering anything."""
