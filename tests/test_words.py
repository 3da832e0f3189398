"""What redaction leaves behind is no word a customer said."""

from assistant.text.words import content_words
from vectorstore.topics import c_tf_idf


def test_redaction_tokens_are_not_words_of_a_statement():
    assert content_words("my name's [NAME], call me on [PHONE] about the router") == ("names", "router")


def test_topic_keywords_never_come_from_redaction_tokens():
    import numpy as np

    texts = ["[NAME] here, my router keeps dropping", "it's [NAME], the router drops again at [ADDRESS]"]
    keywords = c_tf_idf(texts, np.array([0, 0]), 1)[0]
    assert "router" in keywords and not {"name", "address"} & set(keywords)


def test_a_code_is_one_word_of_a_statement():
    from assistant.text.words import content_words

    assert "hw-3308" in content_words("It comes up with error HW-3308 at checkout")
    assert content_words("my wi-fi drops") == ("drops",)
