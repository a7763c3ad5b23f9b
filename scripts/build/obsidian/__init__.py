"""Obsidian stage: the author's notes build as Obsidian shows them.

One translation per note, line for line, before any other stage reads it (``pages.py``):
``%%comments%%`` out (``comments.py``) → callouts to admonitions (``callouts.py``, the kept
mkdocs-callouts library) → wikilinks, embeds, block ids and ``#tags`` (``links.py``, names by
``vault.py``). Note embeds are transcluded last in ``on_page_markdown`` (``transclude.py``);
unlisted notes join the nav (``nav.py``). ``==highlight==`` is pymdownx.mark, front-matter
``tags:`` and the tags index are Material's tags plugin (mkdocs.yml); MathJax-only commands are
mapped in ``scripts/build/math/mathjax.py``. Each module's docstring says why it is by hand.
"""
