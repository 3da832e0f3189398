"""A question's topic resolved against the store's own words, names and topics (the real
embedder: what a phrase means is the model's)."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone

import pytest

from assistant import ask
from convoscope.models import Conversation
from ingest import ingest_conversations
from vectorstore import Store

pytestmark = pytest.mark.e2e

SAID = [
    "the fee on my bill went up again", "i feel the fees are far too high", "my broadband is slow at night",
    "the engineer from Quillon Glazing left a mess", "my wifi keeps dropping in the evening",
    "the Wi-Fi router light is red", "i want to pay by card", "paying by card fails every time",
    "i feel ignored by your team", "can i move my payment date", "the app logs me out all the time",
    "i moved house and need to update my address", "my parcel arrived damaged", "the TV box keeps freezing",
    "i was charged twice this month", "how do i change my password", "the new plan is too expensive",
    "nobody called me back yesterday", "the signal is weak in the kitchen", "i need a copy of my contract",
]
N = 200  # Quillon Glazing in 10 of them: a name is specific, a few per cent of statements
BILLING = {0, 1, 14}  # what was said in the conversations the business routed to its "billing" queue


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    os.environ["CONVOSCOPE_ALLOW_MODELS"] = "1"  # module-scoped: set before the per-test switch runs
    day = datetime(2026, 5, 1, tzinfo=timezone.utc)
    conversations = [Conversation.model_validate({
        "id": f"r-{i:03d}", "channel": "chat", "started_at": (day + timedelta(hours=3 * i)).isoformat(),
        "agent": {"id": "a1", "type": "human"},
        # the business's own field; and a "topic" written by another tool, which the ingest's
        # enrichment field of that name keeps
        "metadata": {"queue": "billing" if i % len(SAID) in BILLING else "support",
                     **({"topic": "disputes"} if i % len(SAID) == 0 else {})},
        "turns": [{"speaker": "agent", "text": "how can i help"},
                  {"speaker": "customer", "text": SAID[i % len(SAID)]},
                  {"speaker": "customer", "text": f"my reference is {i} thanks"}]}) for i in range(N)]
    store = Store(tmp_path_factory.mktemp("resolve") / "store")
    ingest_conversations(store, conversations)
    yield store
    store.close()


def test_an_exact_name_decides_the_population(store):
    answer = ask("What are customers saying about Quillon Glazing?", store)
    assert "names “quillon glazing”" in answer.population
    assert answer.comparison.current.matching == 10
    assert all("Quillon" in c.text for c in answer.citations)


def test_words_beside_a_name_that_its_customers_all_use_say_what_it_is_and_narrow_nothing(store):
    answer = ask("What are customers saying about the engineer from Quillon Glazing?", store)
    assert answer.comparison.current.matching == 10
    assert "narrowed" not in answer.population  # "engineer": what every one of them says, not a part of them


def test_a_summary_of_filtered_conversations_gives_what_they_are_mostly_about(store):
    answer = ask("Give me a quick rundown of what billing queue customers were complaining about", store)
    assert answer.kind == "summary" and answer.comparison.current.matching == 30
    # the store's largest topics among them, each in a customer's words with its count; together all 30
    themes = re.findall(r"^- \*\*(.+?)\*\*: (\d+) conversations", answer.answer, re.M)
    assert {label for label, _ in themes} == {"i was charged twice this month", "i feel the fees are far too high"}
    assert sum(int(n) for _, n in themes) == 30


def test_a_word_matches_its_forms_but_not_a_longer_word(store):
    answer = ask("How many conversations mention fees?", store)
    assert answer.comparison.current.matching == 20  # "fee" and "fees", never "feel"
    assert "“feel”" not in answer.population


def test_mention_counts_the_customers_very_words_however_they_write_them(store):
    answer = ask("In how many conversations do customers mention Wi-Fi?", store)
    assert answer.comparison.current.matching == 20  # "wifi" and "Wi-Fi"
    assert answer.population.startswith("conversations in which the customer writes")


def test_a_thing_no_customer_mentions_is_refused_with_what_they_do_talk_about(store):
    answer = ask("Why did complaints about drone deliveries rise in May?", store)
    assert answer.comparison.current.matching == 0 and not answer.citations
    assert ("no customer says “drone”" in answer.population
            and "nearest things customers do talk about" in answer.population)
    assert "list them under a glossary term for “drone”" in answer.population  # the fix, where it is made


def test_a_managers_word_the_glossary_lists_is_answered_from_what_customers_say(store, tmp_path, monkeypatch):
    """The refusal's fix works: a term whose question words hold the manager's word, its meaning
    in the customers' words, and the question is answered."""
    question = "Why did complaints about drone deliveries rise in May?"
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("terms:\n- name: drone\n  question_words: [drone, drones]\n  meaning:\n"
                        "  - my parcel never arrived\n  - the delivery is late again\n")
    monkeypatch.setenv("CONVOSCOPE_GLOSSARY", str(glossary))
    answer = ask(question, store)
    assert "no customer says" not in (answer.population or "") and answer.comparison.current.matching > 0


@pytest.mark.parametrize("question", [
    "How many customers asked about bitcoin gambling?",
    "Why did complaints about cappuccino rise in May?",
    "What are customers saying about vampires?",
])
def test_words_the_store_never_holds_do_not_mean_a_topic_by_chance(store, question):
    """Against a store's topics some topic stands out for almost any word; a word on its own
    means one only past what unrelated words reach in this store, so a question whose words no
    customer uses is refused, whatever topic happens to sit nearest."""
    from assistant.understanding.resolve import Z_MATCH, word_cut

    assert word_cut(store, store.conversations.topic_model()) >= Z_MATCH
    answer = ask(question, store)
    assert answer.comparison.current.matching == 0 and not answer.citations
    assert "no customer says" in answer.population


def test_a_topic_means_the_same_conversations_in_every_segment(store):
    """One segment's "wifi" conversations are the period's "wifi" conversations in that
    segment: the topic is resolved and its threshold calibrated over the whole period (the
    scope), not over the segment's few statements."""
    from assistant.analysis.population import find_population

    everything = store.conversations.statements()
    every_id = store.conversations.ids()
    segment = set(every_id[::7])
    whole = find_population(store, "wifi", everything, every_id)
    alone = find_population(store, "wifi", everything.subset(segment), sorted(segment))
    scoped = find_population(store, "wifi", everything.subset(segment), sorted(segment), scope=everything)
    assert scoped.members and scoped.members == whole.members & segment
    assert scoped.threshold == whole.threshold != alone.threshold


def test_a_seed_outside_the_probed_topics_is_still_quoted_and_calibrates_the_cut(store, monkeypatch):
    """Dense scores are searched only in the topics nearest the phrase (at scale, an inverted-file
    search); a statement that uses the phrase's words but sits in a farther topic is still a
    seed: its conversation is quoted by that statement (not by a nearer one that does not say
    it), and its true cosine, not the -1 of an unsearched row, calibrates the cut."""
    import numpy as np

    from assistant.analysis import population as pop

    said = store.conversations.statements()
    ids = store.conversations.ids()
    said.memo.dense.clear()
    everywhere = pop.find_population(store, "fees", said, ids)
    # probe every statement except those that say "fee": each seed is left outside the search
    far = np.asarray([i for i, t in enumerate(said.memo.texts) if "fee" not in t.lower()], dtype=np.int64)
    monkeypatch.setattr(pop, "_probed_rows", lambda memo, prototypes, model: far)
    said.memo.dense.clear()
    probed = pop.find_population(store, "fees", said, ids)
    said.memo.dense.clear()
    assert probed.lexical == everywhere.lexical and len(probed.lexical) == 20
    assert all("fee" in probed.best[c][1] for c in probed.lexical)
    assert probed.threshold == pytest.approx(everywhere.threshold, abs=1e-4)


def test_a_managers_word_beside_a_value_of_the_business_s_own_field_means_that_field(store):
    """No customer says "disputes", but the business routes conversations to a "billing" queue:
    "billing disputes" are the billing queue's conversations (not a refusal, and not a guess from
    the topics nearest the phrase), and the answer says which field stood in. The "topic" the
    enrichment writes is not the business's field."""
    answer = ask("How many billing disputes did we get in May?", store)
    assert answer.comparison.current.matching == 10 * len(BILLING)
    assert answer.population == ("conversations whose queue is “billing”, the store's queue standing in for "
                                 "“disputes”, which no customer says")
    assert {c.conversation_id for c in answer.citations} <= {f"r-{i:03d}" for i in range(N) if i % len(SAID) in BILLING}


CONNECTION = {"my broadband is slow at night", "my wifi keeps dropping in the evening", "the Wi-Fi router light is red",
              "the signal is weak in the kitchen"}
UNRELATED_TO_CONNECTION = {"i want to pay by card", "paying by card fails every time", "my parcel arrived damaged",
                           "how do i change my password", "i need a copy of my contract",
                           "i moved house and need to update my address", "the new plan is too expensive"}


def test_a_managers_words_beside_a_field_narrow_it_to_the_part_of_it_they_mean(store):
    """The "support" queue holds seventeen things customers say; no customer says "connection
    dropouts". The queue alone would count every support conversation (170): the phrase means the
    part of it about connections (broadband, wifi, the router, the signal), not card payments,
    parcels or passwords, and the answer says it was narrowed."""
    from assistant.analysis.population import find_population

    answer = ask("How many support connection dropouts did we get in May?", store)
    assert "whose queue is “support”" in answer.population and "narrowed to" in answer.population
    population = find_population(store, "support connection dropouts", store.conversations.statements(),
                                 store.conversations.ids())
    said = {text for _, text in population.best.values()}
    assert CONNECTION <= said and not said & UNRELATED_TO_CONNECTION
    assert answer.comparison.current.matching == len(population.members) < 170


def test_a_field_value_customers_also_write_means_the_field(store):
    """The business routed every billing conversation to its "billing" queue, whatever words the
    customer used ("i was charged twice this month" says no "bill"): "billing conversations" are
    that queue's, not only the customers who write "bill" (on a blind retailer's store, "delivery
    problems" by the customers' words were 9 conversations of May's 83, by its Deliveries queue 63).
    Only where a conversation has no queue at all do the customers' words decide
    (``tests/test_injection.py``: transcripts with no disposition are still asked about)."""
    answer = ask("How many billing conversations did we get in May?", store)
    assert answer.population == "conversations whose queue is “billing”"
    assert answer.comparison.current.matching == 10 * len(BILLING)


def test_a_word_no_customer_uses_adds_nothing_when_the_phrase_means_what_its_other_words_mean():
    """"buying crypto" on the real threads: no customer says "crypto", and the phrase's closest
    topic is the one "buying" alone means (people avoiding an upfront fee), so the phrase is about
    something the store does not hold. Where the whole phrase means another topic than its other
    words do, the word no customer uses is a manager's word for that topic, and counts."""
    from datetime import datetime, timezone

    import numpy as np

    from assistant.understanding.resolve import _meant_without
    from vectorstore.topics import Topic, TopicModel

    axes = np.eye(16, dtype=np.float32)
    model = TopicModel(version=1, fitted_at=datetime(2026, 5, 1, tzinfo=timezone.utc), statements=100,
                       conversations=100, method="test", fit_similarity=0.5,
                       topics=[Topic(id=t, label=f"topic {t}", keywords=[], size=10, conversations=10,
                                     centroid=axes[t]) for t in range(10)])

    class Embeds:
        said = {"buying": axes[0] + 0.05 * axes[12], "billing": axes[2] + 0.05 * axes[13]}

        def embed_cached(self, texts):
            return np.stack([v / np.linalg.norm(v) for v in (self.said[t] for t in texts)])

    assert _meant_without(Embeds(), model, ["buying", "crypto"], ["crypto"], best=0)
    assert not _meant_without(Embeds(), model, ["billing", "disputes"], ["disputes"], best=3)
    assert not _meant_without(Embeds(), model, ["crypto"], ["crypto"], best=0)  # nothing else to mean it


def test_the_definition_a_glossary_term_answers_with_names_only_what_was_matched(store):
    """With the glossary's "refund", customers' "card" does not decide the population: the stated definition
    does not say it does ("pay by card" is not a refund)."""
    answer = ask("How many card refunds did we get?", store)
    assert "glossary's “refund”" in answer.population and "“card”" not in answer.population
    assert answer.comparison.current.matching == 10  # "i was charged twice this month", not the 20 paying by card


def test_a_definition_by_fields_says_or_where_the_population_takes_either():
    """One word naming two fields ("cancellations": a disposition and an outcome) counts the
    conversations with either value, and the definition shown says so."""
    from assistant.understanding.resolve import FieldValue, Resolution

    either = Resolution(phrase="cancellations", fields=[
        FieldValue(words="cancellations", field="disposition", value="cancellation"),
        FieldValue(words="cancellations", field="outcome", value="cancelled")])
    assert either.describe() == "conversations whose disposition is “cancellation” or whose outcome is “cancelled”"
    both = Resolution(phrase="premium billing", fields=[FieldValue(words="billing", field="queue", value="billing"),
                                                        FieldValue(words="premium", field="product", value="Premium")])
    assert both.describe() == "conversations whose queue is “billing” and whose product is “Premium”"


def test_a_thing_joined_on_by_and_beside_a_field_adds_its_conversations_to_the_fields(store):
    """"billing and parcel complaints" asks about two things: the billing queue's conversations
    and those about parcels, which the business routed elsewhere. Read as one thing, the parcels
    would narrow the queue to the billing conversations about parcels, of which there are none (a
    blind retailer's "returns and refunds" lost the refunds its Orders queue took, 51 -> 21)."""
    answer = ask("How many billing and parcel complaints did we get in May?", store)
    assert "whose queue is “billing”" in answer.population and "“parcel" in answer.population
    parcels = {f"r-{i:03d}" for i in range(N) if SAID[i % len(SAID)] == "my parcel arrived damaged"}
    cited = {c.conversation_id for c in answer.citations}
    assert answer.comparison.current.matching >= 10 * len(BILLING) + len(parcels)
    assert cited - {f"r-{i:03d}" for i in range(N) if i % len(SAID) in BILLING} <= parcels


def test_a_name_read_out_in_lower_case_transcripts_is_still_a_name():
    """Voice transcripts and many chats carry no capitals: "erm pinmoor fitters sent a text then
    nothing" says nothing about whether "pinmoor" is a name, and must not outvote the e-mails that
    write "Pinmoor" (a blind retailer's contractor was read as the words "fitter" and "fitting", 64
    conversations, where 37 name it)."""
    import numpy as np

    from assistant.understanding.names import is_name
    from vectorstore.statements import Statements

    texts = ["erm pinmoor fitters sent a text then nothing", "the pinmoor lot never turned up",
             "so pinmoor cancelled again", "I booked Pinmoor Fitters for Saturday.", "Nobody from Pinmoor came."]
    said = Statements(conversation_ids=[f"c{i}" for i in range(len(texts))], turns=[1] * len(texts), texts=texts)
    assert is_name(said, "pinmoor", np.arange(len(texts)))
    lower = Statements(conversation_ids=["a", "b"], turns=[1, 1], texts=["The fitter never came.", "a fitter came"])
    assert not is_name(lower, "fitter", np.arange(2))
    # "Storm Orla" is a name, "storm" is not: typed customers also write "the storm" (the unseen insurer, 9 of 15)
    storm = ["Hiya, Storm Orla ripped half the tiles off"] * 9 + ["Hello, the storm blew the guttering off"] * 6
    said = Statements(conversation_ids=[f"s{i}" for i in range(15)], turns=[1] * 15, texts=storm)
    assert not is_name(said, "storm", np.arange(15)) and is_name(said, "orla", np.arange(15))


def test_a_word_of_a_name_said_alone_about_as_often_is_the_name_too():
    """Customers write "the Homecoming bonus" and, as often, "Homecoming" alone: both name it (a blind
    bank's 37 conversations, of which 27 write the two words); a word of the name said far more
    often alone ("bonus": every bonus) is not the name."""
    import numpy as np

    from assistant.understanding.resolve import resolve
    from vectorstore.statements import Statements

    texts = (["I signed up for the Homecoming bonus last week."] * 6 + ["Where is my Homecoming payment?"] * 4
             + ["My bonus is late."] * 30 + [f"Something else entirely, number {i}." for i in range(200)])
    said = Statements(conversation_ids=[f"c{i}" for i in range(len(texts))], turns=[1] * len(texts), texts=texts)
    words: dict[str, int] = {}
    for text in texts:
        for w in set(re.findall(r"[a-z]+", text.lower())):
            words[w] = words.get(w, 0) + 1

    class Store:
        class conversations:  # noqa: N801 - the store's attribute
            @staticmethod
            def vocabulary():
                return words

        @staticmethod
        def embed_cached(phrases):
            return np.eye(len(phrases), 8, dtype=np.float32)  # no two words mean the same

    found = resolve(Store(), "homecoming bonus", said, None)
    assert set(found.names) == {"homecoming bonus", "homecoming"}
