"""Reads for the API: each function runs one named query and returns plain rows.

Every function that touches agreements or activities (or ties they create) takes the
caller's `Access` (graph/access.py), and the queries filter on
`tlp_rank <= $max_tlp OR id IN $visible_ids`, so hidden objects never leave the database.
"""
