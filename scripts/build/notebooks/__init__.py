"""Notebooks stage: assemble each outline into a notebook, execute and cache it, serve its page."""
