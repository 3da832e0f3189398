"""Convoscope — the Streamlit app (`convoscope ui`, or `streamlit run app.py`).

Four pages (`ui/`): Ask (the chat), Overview (trends and spike alerts), Agents (human vs
AI), Conversations (search and browse). The store, the embedder and any LLM load once per
server process and are shared by every session. With a password configured (``ui/access.py``)
no page runs, and nothing of the store is read, before it is given. The app opens the store
read-only: it never writes."""

from __future__ import annotations

import streamlit as st

from ui.access import require_login

st.set_page_config(page_title="Convoscope", page_icon=":material/troubleshoot:", layout="wide")
require_login()

pages = [
    st.Page("ui/ask.py", title="Ask", icon=":material/forum:", default=True),
    st.Page("ui/overview.py", title="Overview", icon=":material/monitoring:"),
    st.Page("ui/agents.py", title="Agents", icon=":material/support_agent:"),
    st.Page("ui/conversations.py", title="Conversations", icon=":material/folder_open:"),
]
st.navigation(pages).run()
