"""Snippets stage: run each snippet in a subprocess, check and cache its artifacts, embed them."""
