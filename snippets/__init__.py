"""Build-time snippets: each module makes the plots, tables and answers that a page embeds."""
