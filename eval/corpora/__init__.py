"""Unseen evaluation corpora: two generated businesses unlike the sample (a home insurer's
claims line, an energy supplier) and real Twitter support threads, each with a benchmark set
whose golds come from planted truth or from stated rules (``python -m eval.unseen``)."""
