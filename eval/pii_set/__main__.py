"""``python -m eval.pii_set``: write the labelled PII evaluation set."""

from eval.pii_set import main

if __name__ == "__main__":
    main()
