"""The seed briefing, end to end, as `briefing run --no-publish --json` gives it to a user.

The seeds are one real sample (other tests pin each behaviour on texts of their own); this test
checks that the whole path, from briefings.yaml to the JSON contract, gives what an analyst
expects of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_briefing(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(ROOT / "briefings.yaml", folder / "briefings.yaml")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    result = CliRunner().invoke(cli, ["--config", str(folder / "briefings.yaml"), "run",
                                      "russia-after-assad", "--no-publish", "--json", "--strict"],
                                obj=make_plugin_manager(entry_points=False))
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.strip().splitlines()
    return dict(json.loads(line))


def test_the_json_follows_the_documented_schema(seed_briefing):
    schema = json.loads((ROOT / "docs" / "briefing.schema.json").read_text())
    jsonschema.validate(seed_briefing, schema)
    assert seed_briefing["failures"] == []


def stakeholder(briefing: dict, surname: str) -> dict:
    (found,) = [s for s in briefing["stakeholders"] if s["name"].split()[-1] == surname]
    return found


def test_people_have_their_roles(seed_briefing):
    assert stakeholder(seed_briefing, "Putin")["kind"] == "person"
    assert any("President" in role for role in stakeholder(seed_briefing, "Putin")["roles"])
    assert "Kremlin spokesperson" in stakeholder(seed_briefing, "Peskov")["roles"]
    assert any("researcher" in role for role in stakeholder(seed_briefing, "Knight")["roles"])
    assert stakeholder(seed_briefing, "Peskov")["quotes"], "what Peskov said is attributed to him"


def test_risks_keep_their_stated_likelihood(seed_briefing):
    stated = {(r["likelihood"], tuple(r["probability"] or ())) for r in seed_briefing["risks"]}
    assert ("highly likely", (0.8, 0.9)) in stated
    assert ("almost certainly", (0.95, 1.0)) in stated
    texts = [r["text"] + " " + " ".join(e["quote"] for e in r["evidence"]) for r in seed_briefing["risks"]]
    assert any("Tartus" in t or "Khmeimim" in t or "military bases" in t for t in texts)
    assert any("terrorism" in t and "return" in t for t in texts)


def test_page_clutter_stays_out(seed_briefing):
    text = json.dumps(seed_briefing)
    for clutter in ("Read also", "Open Image Modal", "Get access to the fresh news channel"):
        assert clutter not in text
    names = [s["name"] for s in seed_briefing["stakeholders"]] + [p["name"] for p in seed_briefing["places"]]
    assert not any(name.endswith((" and", ",")) or "." in name for name in names)
    assert seed_briefing["summary"] and len(seed_briefing["stories"]) == 1


def test_the_risk_to_the_bases_says_which_bases(seed_briefing):
    """"The risk to the security of these assets" is shown with the sentence naming the bases: as
    its context line, or, when that sentence is a risk of its own, as the risk listed just before."""
    risks = seed_briefing["risks"]
    (at,) = [i for i, r in enumerate(risks) if "these assets" in r["text"]]
    risk = risks[at]
    assert risk["likelihood"] == "almost certainly"
    named = risk["context"] or (risks[at - 1]["evidence"][0]["quote"] if at else "")
    assert "Tartus" in named and "Khmeimim" in named
    assert named in [e["quote"] for e in risk["evidence"]]


def test_official_names_and_acronyms_join_their_actor(seed_briefing):
    names = {s["name"] for s in seed_briefing["stakeholders"]}
    assert "Syrian Arab Republic" not in names
    assert "MoD" not in names and "Ministry of Defence" in names


def test_the_six_risks_the_seeds_state_with_their_stated_likelihoods(seed_briefing):
    """Read from the seeds: the bases' security (almost certainly), the loss of the bases (could),
    consequences inside Russia (could), terrorism by returning militants (may; risk that), strikes
    on Ukraine to make up for the lost image (no likelihood stated), and asylum for a man accused
    of war crimes (no likelihood stated)."""
    risks = [r for r in seed_briefing["risks"] if r["kind"] == "risk"]

    def likelihood(*words: str) -> set[str | None]:
        return {r["likelihood"] for r in risks if all(w in r["text"] for w in words)}

    assert likelihood("security of these assets") == {"almost certainly"}
    assert likelihood("loss of important military facilities") == {"could"}
    assert likelihood("internal political situation") == {"could"}
    assert likelihood("terrorism") == {"may", "risk that"}
    assert likelihood("increasing strikes on Ukraine") == {None}
    assert likelihood("asylum", "war crimes") == {None}
    judged = [r["text"] for r in seed_briefing["risks"] if r["kind"] == "assessment"]
    assert any("almost certainly consider" in text for text in judged)  # an attitude, not a harm
