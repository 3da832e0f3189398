from datetime import date, datetime, timezone

import pytest

from assistant.understanding.understand import understand

LATEST = datetime(2026, 10, 31, 17, 5, tzinfo=timezone.utc)
VALUES = {
    "channel": {"voice": 800, "chat": 700, "email": 300, "social": 200},
    "agent_type": {"human": 1500, "ai": 500},
    "meta_product": {"Basic": 500, "Standard": 500, "Premium": 500, "Family": 500},
    "meta_queue": {"billing": 500, "retention": 500, "tech_support": 500, "general": 500},
}


def window(u):
    w = u.filters.window
    return (w.start.date(), w.end.date()) if w else None


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("Why did churn complaints rise last month?", date(2026, 10, 1), date(2026, 11, 1)),
        ("what happened in September", date(2026, 9, 1), date(2026, 10, 1)),
        ("show me billing complaints in Q3", date(2026, 7, 1), date(2026, 10, 1)),
        ("cancellations over the past two weeks", date(2026, 10, 18), date(2026, 11, 1)),
        ("complaints since August", date(2026, 8, 1), date(2026, 11, 1)),
        ("how many calls this year", date(2026, 1, 1), date(2026, 11, 1)),
    ],
)
def test_time_windows_resolve_against_the_latest_conversation(question, start, end):
    assert window(understand(question, LATEST, VALUES)) == (start, end)


def test_why_questions_get_the_preceding_period_as_baseline():
    u = understand("Why did churn complaints rise last month?", LATEST, VALUES)
    assert u.kind == "why" and u.topic == "churn"
    assert (u.filters.baseline.start.date(), u.filters.baseline.end.date()) == (date(2026, 9, 1), date(2026, 10, 1))


def test_a_defaulted_window_does_not_eat_the_question():
    u = understand("show me customers complaining about price increases on chat", LATEST, VALUES)
    assert u.kind == "why" and u.topic == "price" and u.filters.channel == ["chat"]
    assert u.filters.window.label == "October 2026"


def test_a_named_baseline_wins():
    u = understand("why did refunds rise in October compared to August?", LATEST, VALUES)
    assert u.filters.baseline.label == "August 2026"


def test_why_without_a_window_means_last_month():
    assert window(understand("why are people leaving?", LATEST, VALUES)) == (date(2026, 10, 1), date(2026, 11, 1))


def test_people_are_customers_unless_they_are_real_people():
    assert understand("what's behind all the people leaving us?", LATEST, VALUES).filters.agent_type == []
    assert understand("why were so many people locked out in August", LATEST, VALUES).filters.agent_type == []
    assert understand("compare bots and real people on refunds", LATEST, VALUES).segment_field == "agent_type"
    assert understand("how many refunds did real people handle in October?",
                      LATEST, VALUES).filters.agent_type == ["human"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many cancellations on chat in September?", "count"),
        ("What are customers saying about the new pricing?", "summary"),
        ("How do our AI agents compare with human agents on billing disputes?", "compare"),
        ("show me examples of router outages", "search"),
        ("what drove the spike in login problems", "why"),
        ("What's behind the jump in login problems in March compared with February?", "why"),
        ("Why are AI agents worse than human agents at refunds?", "compare"),
    ],
)
def test_kind(question, kind):
    assert understand(question, LATEST, VALUES).kind == kind


def test_filters_named_in_words_match_store_values():
    u = understand("why did Premium plan customers on chat complain in the retention queue to AI agents",
                   LATEST, VALUES)
    assert u.filters.channel == ["chat"] and u.filters.agent_type == ["ai"]
    assert u.filters.metadata == {"product": ["Premium"], "queue": ["retention"]}


def test_values_absent_from_the_store_are_not_filters():
    u = understand("how many sms conversations about the Gold plan", LATEST, VALUES)
    assert u.filters.channel == [] and u.filters.metadata == {}


def test_compare_names_the_segment_field():
    u = understand("How do our AI agents compare with human agents on billing disputes?", LATEST, VALUES)
    assert u.segment_field == "agent_type" and u.filters.agent_type == [] and u.topic == "billing disputes"


@pytest.mark.parametrize(
    ("question", "kind", "topic", "baseline"),
    [
        ("What are customers saying about the price increase?", "summary", "price increase", False),
        ("Why did complaints about the price increase rise last month?", "why", "price increase", True),
        ("did refunds increase in October", "why", "refunds", True),
    ],
)
def test_a_change_named_as_a_thing_is_the_topic_not_a_change_question(question, kind, topic, baseline):
    u = understand(question, LATEST, VALUES)
    assert (u.kind, u.topic, u.filters.baseline is not None) == (kind, topic, baseline)


def test_a_question_about_how_the_bots_do_compares_ai_with_the_rest():
    u = understand("are the bots worse at refunds?", LATEST, VALUES)
    assert (u.kind, u.segment_field, u.topic) == ("compare", "agent_type", "refunds")


def test_a_year_outside_the_data_is_a_window_not_a_topic_word():
    u = understand("Why did cancellations rise in 2019?", LATEST, VALUES)
    assert u.topic == "cancellations" and (u.filters.window.start.date(), u.filters.window.end.date()) == (
        date(2019, 1, 1), date(2020, 1, 1))


def test_the_week_of_a_date_is_a_seven_day_window_with_the_week_before_as_baseline():
    u = understand("Why did login problems spike in the week of 3 August 2026?", LATEST, VALUES)
    assert window(u) == (date(2026, 8, 3), date(2026, 8, 10)) and u.kind == "why"
    assert (u.filters.baseline.start.date(), u.filters.baseline.end.date()) == (date(2026, 7, 27), date(2026, 8, 3))
    assert u.topic == "login problems"


STORE = {
    **VALUES,
    "meta_company": {"AcmeAir": 300, "Brightline": 200, "Corvid Telecom": 100},
    "meta_region": {"Northfield": 300, "Kessling": 200, "Port Avery": 100},
    "meta_topic": {"refund": 100, "complaint": 100, "delivery": 100, "other": 100},
}


@pytest.mark.parametrize(
    ("question", "field", "values", "topic"),
    [
        ("Which company has the most conversations about deliveries?", "company", [], "deliveries"),
        ("Which has more refund conversations: AcmeAir or Brightline?", "company", ["AcmeAir", "Brightline"], "refund"),
        ("complaints by channel", "channel", [], "complaints"),
        ("Which region had the most outage complaints in August?", "region", [], "outage"),
        ("Are the AI agents handling refund requests as well as our human agents?", "agent_type", ["ai", "human"],
         "refund"),
        ("Which product had the most complaints in August?", "product", [], "complaints"),
        ("Does Northfield have more outage complaints than Port Avery?", "region", ["Northfield", "Port Avery"],
         "outage"),
        ("acmeair vs corvid telecom on deliveries", "company", ["AcmeAir", "Corvid Telecom"], "deliveries"),
        ("refunds per area", "region", [], "refunds"),  # a general synonym, onto the field the store has
        ("Which team handles the most refunds?", "queue", [], "refunds"),
        ("Which brand gets the fewest delivery complaints?", "company", [], "delivery"),
        ("billing complaints broken down by plan", "product", [], "billing"),
        ("outage complaints across towns", "region", [], "outage"),
        ("which agents handled the most escalations?", "agent_id", [], "escalations"),
        ("How does chat compare with voice on cancellations in October?", "channel", ["chat", "voice"],
         "cancellations"),
    ],
)
def test_segment_questions_compare_on_the_stores_fields_and_values(question, field, values, topic):
    u = understand(question, LATEST, STORE)
    assert (u.kind, u.segment_field, u.segment_values, u.topic) == ("compare", field, values, topic)


def test_two_named_values_limit_the_population_to_them_and_all_of_them_limit_nothing():
    u = understand("Which has more refund conversations: AcmeAir or Brightline?", LATEST, STORE)
    assert u.filters.metadata == {"company": ["AcmeAir", "Brightline"]} and u.filters.baseline is None
    assert understand("chat or voice: which has more refunds?", LATEST, STORE).filters.channel == ["chat", "voice"]
    every = understand("AcmeAir vs Brightline vs Corvid Telecom on refunds", LATEST, STORE)
    assert every.segment_values == ["AcmeAir", "Brightline", "Corvid Telecom"] and every.filters.metadata == {}


def test_the_window_of_a_segment_question_has_no_baseline():
    u = understand("Which region had the most outage complaints in August?", LATEST, STORE)
    assert window(u) == (date(2026, 8, 1), date(2026, 9, 1)) and u.filters.baseline is None


@pytest.mark.parametrize(
    "question",
    [
        "How many refunds on chat or email?",  # a filter, not a comparison
        "What product issues came up last month?",  # "product" before a noun names no field to compare on
        "refunds handled by agents in August",  # who handled them, not a breakdown
        "what topics are customers raising?",
        "Why did cancellations rise in October compared to September?",  # periods, not segments
        "show me delivery complaints",  # two values of one field, not joined as alternatives
        "why did refunds rise?",
    ],
)
def test_questions_that_are_not_segment_questions(question):
    u = understand(question, LATEST, STORE)
    assert u.segment_field is None and u.segment_values == []


def test_field_words_map_only_onto_fields_the_store_has():
    # "area" means region only where the store has a region; here it is a topic word
    u = understand("refunds per area", LATEST, VALUES)
    assert u.segment_field is None
    assert understand("which client has the most refunds", LATEST, VALUES).segment_field is None


def test_the_sample_compare_questions_still_compare_ai_with_human():
    for question in ("How do AI agents compare with human agents on refunds?", "AI vs human on refunds",
                     "are the bots worse at refunds?"):
        u = understand(question, LATEST, STORE)
        assert (u.kind, u.segment_field, u.topic, u.filters.agent_type) == ("compare", "agent_type", "refunds", [])


def test_as_well_as_compares_only_in_a_question_that_asks_it():
    assert understand("show me refunds on chat as well as email", LATEST, STORE).segment_field is None
    u = understand("Is chat doing as well as voice on refunds?", LATEST, STORE)
    assert (u.segment_field, u.segment_values) == ("channel", ["chat", "voice"])


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Are our AI agents handling billing disputes as well as the human team?", "billing disputes"),
        ("Break down October's billing disputes by channel", "billing disputes"),
        ("How many billing dispute contacts came in by phone in October?", "billing dispute"),
    ],
)
def test_request_phrasing_never_becomes_the_topic(question, topic):
    assert understand(question, LATEST, VALUES).topic == topic


def test_a_team_is_a_topic_word_unless_it_names_the_agents():
    assert understand("How many customers said the team was rude?", LATEST, VALUES).topic == "team rude"


def test_a_field_said_twice_around_by_is_a_breakdown():
    u = understand("Where were October's billing disputes concentrated, queue by queue?", LATEST, VALUES)
    assert u.kind == "compare" and u.segment_field == "queue" and u.topic == "billing disputes"


def test_a_value_named_in_full_leaves_its_words_elsewhere_in_the_topic():
    values = {**VALUES, "meta_product": {"Cashback Credit Card": 90, "Platinum Credit Card": 80, "Easy Saver": 40}}
    u = understand("Which had more card payment problems in June: the Cashback Credit Card or the Platinum Credit "
                   "Card?", LATEST, values)
    assert u.kind == "compare" and u.segment_field == "product" and u.topic == "card payment problems"
    u = understand("How many card fee complaints from Easy Saver customers?", LATEST, values)
    assert u.filters.metadata == {"product": ["Easy Saver"]} and u.topic == "card fee"


@pytest.mark.parametrize(("question", "kind"), [
    ("loan queries in feb?", "count"), ("promo code problems july?", "count"), ("refunds last month?", "count"),
    ("router outages in september", "search"), ("router outages?", "search"),
    ("refund complaints in september, show me some?", "search"),
])
def test_a_few_words_and_a_period_asked_are_a_count(question, kind):
    assert understand(question, LATEST, VALUES).kind == kind


@pytest.mark.parametrize(("question", "joined"), [
    ("returns and refunds nearly doubled last month - why?", ["refunds"]),
    ("How many billing or parcel complaints came in by chat in October?", ["parcel"]),
    ("What are customers saying about Spotify playlists?", []),
    ("How are AI and human agents doing on refunds?", []),  # "and" joins the agents, not topic words
])
def test_a_word_joined_on_by_and_or_or_is_a_second_thing_asked_about(question, joined):
    assert understand(question, LATEST, VALUES).joined == joined


def test_an_answer_names_a_joined_topic_with_its_and():
    u = understand("returns and refunds nearly doubled last month - why?", LATEST, VALUES)
    assert u.topic == "returns refunds" and u.topic_shown == "returns and refunds"
    assert understand("Why did fees rise in October?", LATEST, VALUES).topic_shown == "fees"
