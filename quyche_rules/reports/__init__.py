"""Renderers: each turns a run result into a string and never prints."""
