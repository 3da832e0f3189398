"""The Streamlit app's pages and the pieces they share; `app.py` is the entry point."""
