"""``python -m eval.unseen --data --bench``: a user's own corpus and set, read as the runner takes them."""

from __future__ import annotations

import pytest

from eval.sets import BenchmarkSet, BenchQuestion, save_set
from eval.unseen import external, main

LINE = ('{"id": "k-1", "channel": "chat", "started_at": "2026-05-02T10:00:00Z", "agent": {"id": "a", "type": "ai"},'
        ' "turns": [{"speaker": "customer", "text": "my parcel never came"}]}')


def test_a_users_corpus_and_set_are_read_with_the_folder_as_its_name(tmp_path):
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "conversations.jsonl").write_text(LINE + "\n\n" + LINE.replace("k-1", "k-2") + "\n", encoding="utf-8")
    save_set(BenchmarkSet(name="acme-set", questions=[BenchQuestion(id="q", question="How many parcels?",
                                                                    counts={"current": 2})]), folder / "set.json")
    corpus = external(folder / "conversations.jsonl", folder / "set.json")
    assert corpus.name == "acme"
    assert [c.id for c in corpus.conversations] == ["k-1", "k-2"]
    assert corpus.bench.questions[0].counts == {"current": 2}


def test_data_without_its_questions_is_refused_before_anything_runs(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["--data", str(tmp_path / "c.jsonl"), "--out", str(tmp_path / "out")])
    assert "--data and --bench go together" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
