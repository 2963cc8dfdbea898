"""Use cases: each flow of the app as plain Python (no Qt), shared by the panels and the CLI.

A panel turns a job's events into widgets; the CLI turns them into lines; the flow itself is here once.
"""
