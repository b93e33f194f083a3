"""The workshop tool: turns each step into exercises, checks them, shows progress.

Run `workshop --help`, or read the README's sections for learners and instructors.
"""
