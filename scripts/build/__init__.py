"""The build pipeline, one subpackage per stage (math, snippets, notebooks), and what they share."""
