"""The repository as contributors and GitHub see it: workflows, licences, citation
metadata and spelling, each checked by the tool made for it."""
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _publication():
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["publication"]


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = subprocess.run([str(BIN / "actionlint"), "-no-color", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pin_actions_to_commits_and_grant_least_privilege():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
        assert "pull_request_target" not in triggers, path.name
        assert workflow.get("permissions", {}) == {}, f"{path.name}: nothing granted by default"
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} says what it may do"
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_test_workflow_runs_make_test_and_uploads_the_offline_site():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)
    upload = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site/"


def test_citation_file_is_valid_cff_and_names_the_published_site():
    import json

    import jsonschema

    schema = json.loads((REPO / "tests" / "data" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(cff, schema, format_checker=jsonschema.FormatChecker())  # raises on any departure
    publication = _publication()
    assert (cff["url"], cff["repository-code"]) == (publication["url"], publication["repository"])


def test_schema_validation_catches_a_bad_citation_file():
    import json

    import jsonschema
    import pytest

    schema = json.loads((REPO / "tests" / "data" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    del cff["authors"]
    with pytest.raises(jsonschema.ValidationError, match="'authors' is a required property"):
        jsonschema.validate(cff, schema)


def test_licences_are_stated_in_the_readme_and_the_footer(built_site):
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (REPO / "LICENSE-CONTENT").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme
    footer = (built_site / "index.html").read_text(encoding="utf-8").split('class="md-copyright"')[1]
    assert "https://creativecommons.org/licenses/by/4.0/" in footer and "MIT" in footer


def test_spelling_passes_with_the_sites_vocabulary():
    result = subprocess.run([str(BIN / "codespell")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spell_check_catches_a_typo(tmp_path):
    typo = "unti" + "ll"  # spelled in two parts so that this file itself passes
    page = tmp_path / "page.md"
    page.write_text(f"The recommendation was adopted {typo} 2024.\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "codespell"), "--config", str(REPO / ".codespellrc"), str(page)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode != 0 and f"{typo} ==> until" in result.stdout
