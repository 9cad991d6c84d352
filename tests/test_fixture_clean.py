from sitefactory import check, write_site


def test_clean_fixture_site_has_no_findings(tmp_path):
    checked = check(write_site(tmp_path))
    assert checked.findings == []
    assert list(checked.model.recommendations) == ["data-free-port"]
    assert [d.id for d, _ in checked.model.developments_for("data-free-port")] == ["cn-2024-initiative"]
