"""A catch-all value's conversations that belong to the value a question names (assistant/analysis/routing.py)."""

import os
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from assistant import ask
from assistant.analysis.routing import routed_like
from convoscope.models import Agent, Conversation, ConversationMeta
from ingest import ingest_conversations
from vectorstore import Store
from vectorstore.statements import Statements
from vectorstore.topics import Topic, TopicModel

DIM = 12
AXES = np.eye(DIM)
DELIVERY, SECURITY, APP, BILLING, ASIDE = 0, 1, 2, 3, 4
SUBJECTS = (DELIVERY, SECURITY, APP, BILLING)
QUEUE = {DELIVERY: "Deliveries", SECURITY: "Security", APP: "Digital", BILLING: "Billing"}


def _store(with_catch_all: bool = True, seed: int = 3):
    """Conversations each saying one subject and one aside: routed to the subject's queue, or
    (``with_catch_all``) every fourth to "General Enquiries"."""
    rng = np.random.default_rng(seed)
    ids, texts, vectors, topics, metas, truth = [], [], [], [], {}, {}
    for n in range(240):
        subject = SUBJECTS[n % 4]
        cid = f"c{n}"
        queue = "General Enquiries" if with_catch_all and (n // 4) % 4 == 0 else QUEUE[subject]
        metas[cid] = ConversationMeta(id=cid, channel="chat", started_at=datetime(2026, 5, 1, tzinfo=timezone.utc),
                                      agent=Agent(id="a", type="human"),
                                      metadata={"queue": queue, "region": f"town {rng.integers(5)}"})
        truth[cid] = subject
        for topic, axis in ((subject, subject), (ASIDE, ASIDE)):
            v = AXES[axis] + 0.25 * rng.normal(size=DIM)
            ids.append(cid)
            texts.append(f"{cid} says {topic}")
            vectors.append(v / np.linalg.norm(v))
            topics.append(topic)
    said = Statements(conversation_ids=ids, turns=[1] * len(ids), texts=texts, matrix=np.stack(vectors).astype(
        np.float32), topics=np.asarray(topics))
    model = TopicModel(version=1, fitted_at=datetime(2026, 6, 1, tzinfo=timezone.utc), statements=len(ids),
                       conversations=240, method="test", fit_similarity=0.5,
                       topics=[Topic(id=t, label=f"topic {t}", keywords=[], size=10, conversations=10,
                                     small_talk=t == ASIDE, centroid=AXES[t]) for t in (*SUBJECTS, ASIDE)])
    return said, metas, model, truth


def _routed(named: str, with_catch_all: bool = True, topics: bool = True, field: str = "queue", seed: int = 3):
    said, metas, model, truth = _store(with_catch_all, seed)
    values = {c: m.metadata[field] for c, m in metas.items()}
    return routed_like(field, {named}, lambda: (said, values), model if topics else None, metas), metas, truth


def test_a_queue_whose_conversations_say_what_all_say_is_a_catch_all():
    assert _routed("Deliveries")[0].catch_alls == ["General Enquiries"]


def test_queues_that_each_keep_their_own_subjects_have_no_catch_all():
    routed = _routed("Deliveries", with_catch_all=False)[0]
    assert routed.catch_alls == [] and routed.conversations == set()


def test_a_field_that_does_not_sort_by_subject_has_no_catch_all():
    """Towns: every town's customers say every subject, so one town's mix is as much everyone's as
    a catch-all's, and none is (on the insurer and the utility, two of five towns had read as one)."""
    assert _routed("town 1", field="region", seed=7)[0].catch_alls == []  # by chance, two towns' mixes lie
    # under a quarter of the median


def test_without_topics_nothing_is_a_catch_all():
    assert _routed("Deliveries", topics=False)[0].catch_alls == []


def test_the_catch_alls_conversations_about_the_named_queues_subject_are_found():
    routed, metas, truth = _routed("Deliveries")
    left = {c for c, m in metas.items() if m.metadata["queue"] == "General Enquiries"}
    about = {c for c in left if truth[c] == DELIVERY}
    assert routed.conversations <= about  # none of the catch-all's other subjects
    assert len(routed.conversations) >= 0.8 * len(about)
    assert "catch-all queue “General Enquiries”" in routed.describe(["Deliveries"])


def test_the_catch_all_itself_named_adds_nothing():
    assert _routed("General Enquiries")[0].conversations == set()


SAYS = {
    "Deliveries": ["the courier never turned up", "my parcel arrived smashed", "the box was crushed on arrival",
                   "the driver left it out in the rain"],
    "Security": ["someone rang pretending to be you", "a text asked me to click a link and log in",
                 "there are payments on my card i never made", "my account was accessed from abroad"],
    "Digital": ["the app crashes when i open it", "i cannot log in on my phone", "the website shows an error page",
                "my statements will not load online"],
    "Billing": ["my monthly charge went up", "i was charged twice", "the interest on my bill is wrong",
                "i want to change my payment date"],
}


@pytest.fixture(scope="module")
def routed_store(tmp_path_factory):
    """Four queues, each holding what its customers say; every fourth conversation of each left
    in "General Enquiries". No customer writes "delivery"."""
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    day = datetime(2026, 5, 1, tzinfo=timezone.utc)
    conversations = []
    for i in range(320):
        queue = list(SAYS)[i % 4]
        said = SAYS[queue][(i // 4) % 4]
        conversations.append(Conversation.model_validate({
            "id": f"g-{i:03d}", "channel": "chat", "started_at": (day + timedelta(hours=2 * i)).isoformat(),
            "agent": {"id": "a1", "type": "human"},
            "metadata": {"queue": "General Enquiries" if (i // 16) % 4 == 0 else queue},
            "turns": [{"speaker": "agent", "text": "how can i help"},
                      {"speaker": "customer", "text": said},
                      {"speaker": "customer", "text": f"my reference is {i}, thanks"}]}))
    store = Store(tmp_path_factory.mktemp("routing") / "store")
    ingest_conversations(store, conversations)
    yield store, {c.id: list(SAYS)[int(c.id[2:]) % 4] for c in conversations}, {
        c.id for c in conversations if c.metadata["queue"] == "General Enquiries"}
    store.close()


@pytest.mark.e2e
def test_a_field_standing_for_a_managers_word_takes_in_the_catch_alls_conversations_about_it(routed_store):
    """"Delivery problems" are the Deliveries queue's conversations, and those the business left in
    General Enquiries whose customers say what the Deliveries queue's say (a blind retailer's Orders
    queue held 67 of its 295 delivery conversations; none says "delivery")."""
    store, subject, general = routed_store
    answer = ask("How many delivery problems did we get?", store)
    deliveries = {c for c, s in subject.items() if s == "Deliveries"}
    assert "catch-all queue “General Enquiries”" in answer.population
    assert answer.comparison.current.matching == len(deliveries)  # the queue's 60 and the catch-all's 20
    assert set(answer.conversations) <= deliveries
