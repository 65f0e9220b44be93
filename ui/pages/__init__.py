"""The app's page scripts, one per page, run by ``st.navigation`` in ``app.py``.

Never import them: importing a page runs it.  What pages share is in :mod:`renkei.ui.parts`.
"""
