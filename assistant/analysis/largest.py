"""What a group of conversations is mostly about: the store's topics its customers' statements
belong to, largest first (small talk left out).

For a summary with filters and no topic ("what were Caldermoor customers complaining about in
April"): the question asks what those customers said, not what sets them apart from everyone
else's, and two towns of one business mostly say the same things. Phrases that are distinctive
of a town find little there; its largest topics are the answer.
"""

from __future__ import annotations

import numpy as np

from assistant.analysis.membership import membership
from assistant.analysis.phrases import centroid
from assistant.analysis.themes import Theme
from vectorstore.statements import Statements
from vectorstore.topics import TopicModel

SHOWN = 5
MIN_CONVERSATIONS = 3


def largest_topics(
    model: TopicModel | None, said: Statements, members: set[str]
) -> tuple[list[Theme], list[str], list[int], list[str], np.ndarray]:
    """The largest topics among ``members``' statements in ``said`` as themes (``current`` is the
    number of members in each), with the statements they are read from: conversation ids, turns,
    texts and vectors, which the themes' rows index."""
    ids = sorted(members)
    member = membership(model, said, ids)
    counts = member.counts()
    chosen = [int(p) for p in np.argsort(-counts, kind="stable")[:SHOWN] if counts[p] >= MIN_CONVERSATIONS]
    if not chosen:
        return [], [], [], [], np.zeros((0, 1), dtype=np.float32)
    rows = np.flatnonzero(np.isin(member.row_topic, chosen) & (member.row_conversation >= 0))
    matrix = said.vectors(rows.tolist())
    row_ids = [said.conversation_ids[r] for r in rows.tolist()]
    themes = []
    for position in chosen:
        mine = np.flatnonzero(member.row_topic[rows] == position).tolist()
        topic = member.topics[position]
        themes.append(Theme(label=topic.label, keywords=topic.keywords, conversations={row_ids[i] for i in mine},
                            current=int(counts[position]), rows=mine, centroid=centroid(matrix, mine)))
    return (themes, row_ids, [said.turns[r] for r in rows.tolist()], [said.texts[r] for r in rows.tolist()],
            matrix)
