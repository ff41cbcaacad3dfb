"""Migration is idempotent and creates what the API relies on."""

from __future__ import annotations

from graph.admin import label_counts
from graph.schema import migrate, schema_objects
from graph.store import Store


def test_migration_twice_changes_nothing_the_second_time(store: Store) -> None:
    migrate(store)
    before = schema_objects(store)
    countries = label_counts(store)["Country"]
    report = migrate(store)
    assert report.created == [] and report.converted == []
    assert schema_objects(store) == before
    assert label_counts(store)["Country"] == countries


def test_schema_has_id_constraints_and_the_name_search_index(store: Store) -> None:
    objects = schema_objects(store)
    for name in ("partner_id", "agreement_id", "activity_id", "platform_id", "objective_id",
                 "country_code", "region_code", "import_id", "metric_run_id", "partner_names",
                 "agreement_expires_on"):
        assert name in objects
