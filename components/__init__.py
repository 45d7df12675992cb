"""Rasa graph components of One Door's own NLU pipeline."""
