"""``namndkansli sok``: the hits grouped by kind, as text or JSON, from a file it only reads."""

from __future__ import annotations

import json
import shutil

import pytest

from app.cli import main


@pytest.fixture
def demo_db(demo_template, tmp_path):
    path = tmp_path / "demo.nkdb"
    shutil.copy(demo_template, path)
    return path


def test_text_output_groups_the_hits_with_where_they_are(demo_db, capsys):
    assert main(["--db", str(demo_db), "sok", "2022/29"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Ärenden (1)"
    assert out[1].startswith("  VONAU 2022-02-14: 2022/29 ")
    assert out[2].strip().startswith("[2022/29] ")
    assert "Protokoll (1)" in out


def test_json_output_has_what_opens_each_hit(demo_db, capsys):
    assert main(["--db", str(demo_db), "sok", "§", "16", "--typ", "paragraf", "--ar", "2022", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["text"] == "§ 16"
    [group] = result["grupper"]
    assert group["typ"] == "paragraf" and group["antal"] >= 1
    hit = group["traffar"][0]
    assert hit["title"].startswith("§ 16 ") and "[§ 16]" in hit["snippet"]
    assert hit["sammantrade_id"] and hit["arende_id"] and hit["datum"].startswith("2022")


def test_nothing_found_and_hostile_text(demo_db, capsys):
    assert main(["--db", str(demo_db), "sok", '((" OR']) == 1
    assert "Inga träffar" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "sok", "beslut", "--namnd", "XYZ"]) == 2
    assert "Det finns ingen nämnd ”XYZ”" in capsys.readouterr().err


def test_a_missing_file_is_refused_not_created(tmp_path, capsys):
    path = tmp_path / "saknas.nkdb"
    assert main(["--db", str(path), "sok", "beslut"]) == 2
    assert not path.exists()
    assert capsys.readouterr().err
