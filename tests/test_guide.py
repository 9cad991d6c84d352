"""The contributing guide as checked in: its generated parts (allowed values, .bib files
by section, the message of each common slip) are what `make guide` writes now, so the
file read on GitHub matches the checks exactly."""
from conftest import REPO
from sitecheck import guide, vocabulary
from sitecheck import model as schema

GUIDE = (REPO / guide.GUIDE).read_text(encoding="utf-8")


def test_generated_parts_are_up_to_date():
    """If this fails, run `make guide` and commit docs/contributing.md."""
    assert guide.rewrite(GUIDE, guide.blocks(REPO)) == GUIDE


def test_every_field_and_allowed_value_is_in_the_guide():
    for fields in (schema.RECOMMENDATION_SCHEMA, schema.ASSESSMENT_SCHEMA, schema.DEVELOPMENT_SCHEMA):
        for name in fields:
            assert f"| `{name}` |" in GUIDE, name
    for name in guide.VOCABULARY_NAMES:
        for value in getattr(vocabulary, name):
            assert f"| `{value}` |" in GUIDE, value


def test_every_section_names_its_bib_file():
    for section, file in vocabulary.BIB_FILES.items():
        assert f"(`{section}`) |" in GUIDE and f"`bibliography/{file}`" in GUIDE


def test_the_example_at_the_top_is_a_real_message():
    example = GUIDE.split(guide.START.format("example"))[1].split(guide.END.format("example"))[0]
    slips = GUIDE.split(guide.START.format("slips"))[1]
    first = example.strip().removeprefix("<pre><code>").removesuffix("</code></pre>")
    assert "(did you mean 'executive-order'?)" in first and first in slips
