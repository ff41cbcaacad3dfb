"""Reads for the API: each function runs one named query and returns plain rows.

Every function that touches agreements or activities (or ties they create) takes
`max_tlp`, the highest TLP rank the caller may see, and the queries filter on
`tlp_rank <= $max_tlp`, so hidden objects never leave the database.
"""
