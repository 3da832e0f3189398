"""Call recordings: decoding (PyAV), transcription (faster-whisper), speakers and turns.

Everything here needs the optional ``audio`` extra (``pip install 'convoscope[audio]'``);
the loader in ``ingest/formats/audio.py`` checks for it before importing these modules,
so the core install never imports PyAV or CTranslate2.
"""
