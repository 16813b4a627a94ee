"""Duty-Bearer Atlas: records of who holds which human-rights obligation in US places."""
