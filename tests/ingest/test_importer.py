"""The importer against the real Neo4j: round trips, atomicity, rejects, idempotence, resume."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from graph import localdb
from graph.admin import wipe
from graph.queries import NamedQuery, named
from graph.store import Store
from ingest.importer import ImportInterrupted, ImportOptions, ImportRejected, import_files
from tests.ingest.conftest import EXAMPLES, nodes, rels, snapshot

CSV_FILES = sorted((EXAMPLES / "csv").glob("*.csv"))
TREATIES = EXAMPLES / "treaties.csv"
STEWARD = ImportOptions(ignore_columns=frozenset({"Steward notes"}))


# --- each format into the expected graph ------------------------------------------------------


def test_csv_files_round_trip_into_the_expected_graph(store: Store) -> None:
    report = import_files(store, CSV_FILES)

    assert report.status == "complete"
    assert nodes(store, "Partner", "id", "name", "kind", "country", "aliases") == {
        ("ng-npf", "Nigeria Police Force", "law_enforcement", "NG", ("NPF", "Nigerian Police")),
        ("sg-groupib", "Group-IB", "private_sector", "SG", ("GIB",)),
        ("int-afripol", "AFRIPOL", "international_org", "DZ",
         ("African Police Cooperation Organization",)),
        ("cert-ng", "ngCERT", "cert", "NG", ()),
    }
    assert nodes(store, "Agreement", "id", "kind", "status", "signed_on", "expires_on",
                 "binding", "scope", "tlp") == {
        ("agr-ng-gib", "data_sharing", "active", "2022-03", "2025-12-31", True,
         ("information_sharing", "joint_operations"), "amber"),
    }
    assert rels(store, "PARTY_TO", "role", "signed_on") == {
        ("ng-npf", "agr-ng-gib", "party", "2022-03-14"),
        ("sg-groupib", "agr-ng-gib", "party", "2022-03"),  # given by name: Group-IB
    }
    assert nodes(store, "Activity", "id", "kind", "start", "end", "focus", "outcome_names",
                 "outcome_values", "outcome_qualifiers") == {
        ("act-falcon", "operation", "2021-05", "2022-03", ("bec", "phishing"),
         ("arrests", "victims_notified"), (11, 50000), None),  # plain counts: no qualifiers
    }
    assert rels(store, "PARTICIPATED_IN", "role") == {
        ("ng-npf", "act-falcon", "lead"), ("sg-groupib", "act-falcon", "private_partner"),
        ("int-afripol", "act-falcon", "coordinator"),
    }
    assert rels(store, "USES", "since") == {("ng-npf", "plat-cap", "2019"),
                                            ("cert-ng", "plat-cap", "2020-06")}
    assert rels(store, "BASED_IN") == {("ng-npf", "NG"), ("sg-groupib", "SG"),
                                       ("int-afripol", "DZ"), ("cert-ng", "NG")}
    assert rels(store, "SUPPORTS") == {("agr-ng-gib", "obj-3")}
    assert rels(store, "ADVANCES") == {("act-falcon", "obj-3")}
    assert {(n.column, n.value, n.message) for n in report.notices} >= {
        ("country", "Nigeria", "country 'Nigeria' normalised to 'NG'"),
        ("country", "SGP", "country 'SGP' normalised to 'SG'"),
        ("partner_id", "Group-IB", "partner 'Group-IB' resolved by name to 'sg-groupib'"),
    }


def test_stewards_layout_makes_states_parties_through_their_governments(store: Store) -> None:
    import_files(store, CSV_FILES)
    report = import_files(store, [TREATIES], options=STEWARD)

    assert report.governments == ["gov-FR", "gov-GB", "gov-GH", "gov-NG"]
    assert nodes(store, "Partner", "id", "name", "kind", "country") >= {
        ("gov-FR", "Government of France", "government", "FR"),
        ("gov-GB", "Government of United Kingdom", "government", "GB"),
    }
    budapest = "agr-" + __import__("hashlib").sha256(
        b"convention on cybercrime (budapest, 2001)").hexdigest()[:12]
    assert {r for r in rels(store, "PARTY_TO", "role", "signed_on", "ratified_on", "consent",
                             "in_force_on")
            if r[1] == budapest} == {
        ("gov-FR", budapest, "party", "2001-11-23", "2006-01-10", "ratification", "2006-05-01"),
        ("gov-NG", budapest, "party", "2022-07", "2022-07", "ratification", None),
        # A convention's party given a signature alone is a signatory.
        ("gov-GH", budapest, "signatory", "2018-12-20", None, None, None),
        ("gov-GB", budapest, "party", "2001-11-23", "2011-05-25", "ratification", None),
    }
    mou = next(r[0] for r in nodes(store, "Agreement", "id", "kind") if r[1] == "mou")
    assert {r[0] for r in rels(store, "PARTY_TO") if r[1] == mou} == {
        "int-afripol", "ng-npf", "cert-ng"}


def test_json_document_round_trips(store: Store) -> None:
    report = import_files(store, [EXAMPLES / "partners.json"])

    assert report.counts["partners"] == Counter(created=2)
    assert nodes(store, "Partner", "id", "country") == {("gh-police", "GH"), ("uk-nca", "GB")}
    assert rels(store, "PARTY_TO", "role", "signed_on") == {
        ("gh-police", "agr-gh-uk", "party", "2019-06-12"), ("uk-nca", "agr-gh-uk", "party", None)}
    assert rels(store, "PARTICIPATED_IN", "role") == {
        ("uk-nca", "act-gh-training", "lead"), ("gh-police", "act-gh-training", "participant")}
    assert nodes(store, "Activity", "id", "outcome_names", "outcome_values", "tlp") == {
        ("act-gh-training", ("people_trained",), (40,), "clear")}


def test_stix_bundle_round_trips(store: Store) -> None:
    import_files(store, [EXAMPLES / "bundle.stix.json"])

    cert, vendor = "identity--8a9b6f1c-0d2e-4c5b-9a1f-2b3c4d5e6f70", "identity--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
    assert nodes(store, "Partner", "id", "name", "kind", "country", "sector", "aliases") == {
        (cert, "CERT-FR", "cert", "FR", "government-national", ("ANSSI CERT",)),
        (vendor, "Kaspersky", "private_sector", None, "technology", ()),
    }
    rel = "relationship--9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
    assert nodes(store, "Agreement", "id", "kind", "status", "signed_on", "expires_on", "tlp") == {
        (rel, "data_sharing", "expired", "2023-02-01", "2024-01-31", "amber+strict")}
    assert rels(store, "PARTY_TO") == {(cert, rel), (vendor, rel)}


# --- idempotence and updates -------------------------------------------------------------------


def test_importing_the_same_files_again_changes_nothing(store: Store) -> None:
    files = [*CSV_FILES, TREATIES, EXAMPLES / "partners.json", EXAMPLES / "bundle.stix.json"]
    import_files(store, files, options=STEWARD)
    before = snapshot(store, imports=False)

    again = import_files(store, files, options=STEWARD)

    assert set(again.totals()) == {"unchanged"}
    assert again.totals()["unchanged"] == sum(again.records.values())
    assert snapshot(store, imports=False) == before


_HASHES = NamedQuery("test", "MATCH (n) WHERE n.row_hash IS NOT NULL "
                     "RETURN elementId(n) AS id, n.row_hash AS hash, false AS tie UNION ALL "
                     "MATCH ()-[r]->() WHERE r.row_hash IS NOT NULL "
                     "RETURN elementId(r) AS id, r.row_hash AS hash, true AS tie", frozenset())
_SET_HASHES = NamedQuery("test", "UNWIND $rows AS row OPTIONAL MATCH (n) WHERE elementId(n) = row.id "
                         "AND NOT row.tie SET n.row_hash = row.hash WITH row "
                         "OPTIONAL MATCH ()-[r]->() WHERE elementId(r) = row.id AND row.tie "
                         "SET r.row_hash = row.hash", frozenset({"rows"}))


def test_hashes_stored_as_hex_text_by_an_earlier_version_migrate_to_unchanged(
        store: Store) -> None:
    from graph.schema import migrate

    import_files(store, CSV_FILES)
    stored = store.read(_HASHES)
    # What an earlier version stored: 32 hex digits, of which the hash is the first 15.
    legacy = [{**row, "hash": f"{row['hash']:015x}" + "0f" * 8 + "a"} for row in stored]
    store.write(_SET_HASHES, rows=legacy)
    assert {type(r["hash"]) for r in store.read(_HASHES)} == {str}

    migrate(store)

    assert sorted(store.read(_HASHES), key=str) == sorted(stored, key=str)
    assert set(import_files(store, CSV_FILES).totals()) == {"unchanged"}


_TO_LEGACY_OUTCOMES = NamedQuery(
    "test", "MATCH (n:Activity {id: 'act-falcon'}) "
    "SET n.outcome_arrests = 11.0, n.outcome_victims_notified = 50000.0, "
    "n.outcome_seized_usd = 2500.0 REMOVE n.outcome_names, n.outcome_values", frozenset())


def test_outcomes_stored_by_an_earlier_version_migrate_to_figures(store: Store) -> None:
    from graph.schema import migrate

    import_files(store, CSV_FILES)
    # What an earlier version stored: a property per fixed name, seized_usd in dollars.
    store.write(_TO_LEGACY_OUTCOMES)

    report = migrate(store)

    assert "migrations/outcome_figures" in report.converted
    assert nodes(store, "Activity", "id", "outcome_names", "outcome_values", "outcome_units",
                 "outcome_arrests", "outcome_seized_usd") == {
        ("act-falcon", ("arrests", "seized", "victims_notified"), (11.0, 2500.0, 50000.0),
         ("", "USD", ""), None, None)}
    assert migrate(store).converted == []  # once per database


def test_a_first_import_reads_no_stored_hashes_and_the_next_one_does(store: Store,
                                                                      monkeypatch) -> None:
    import graph.store

    ran: list[str] = []
    run = graph.store.Tx.run

    def spy(tx: graph.store.Tx, query: NamedQuery, **params: object) -> list[dict]:
        ran.append(query.name)
        return run(tx, query, **params)

    monkeypatch.setattr(graph.store.Tx, "run", spy)
    import_files(store, CSV_FILES)
    first, ran[:] = list(ran), []
    import_files(store, CSV_FILES)

    assert not [name for name in first if name.endswith("/stored_hashes")]
    assert {"partners/stored_hashes", "agreements/stored_hashes",
            "activities/stored_hashes"} <= set(ran)


def test_a_newer_file_updates_in_place_and_says_what_changed(store: Store, write) -> None:
    v1 = write("v1/partners.csv", "id,name,kind\np1,Old Name,ngo\np2,Same,ngo\n")
    v2 = write("v2/partners.csv", "id,name,kind\np1,New Name,ngo\np2,Same,ngo\np3,Added,ngo\n")
    import_files(store, [v1])

    report = import_files(store, [v2])

    assert report.counts["partners"] == Counter(updated=1, unchanged=1, created=1)
    assert nodes(store, "Partner", "id", "name") == {("p1", "New Name"), ("p2", "Same"),
                                                     ("p3", "Added")}
    assert nodes(store, "Partner", "id", "import_id") >= {("p1", report.import_id),
                                                           ("p3", report.import_id)}


def test_every_node_and_tie_records_the_import_that_last_wrote_it(store: Store) -> None:
    report = import_files(store, CSV_FILES)

    assert {r[0] for r in nodes(store, "Partner", "import_id")} == {report.import_id}
    assert {r[2] for r in rels(store, "PARTY_TO", "import_id")} == {report.import_id}
    [run] = store.read(named("imports/list"), limit=10)
    assert (run["id"], run["status"], run["sha256"], run["actor"]) == (
        report.import_id, "complete", report.sha256, "cli")
    assert json.loads(run["counts"])["partners"] == {"created": 4}


# --- abort, skip, dry run ----------------------------------------------------------------------


def test_abort_leaves_the_graph_exactly_as_it_was(store: Store, write) -> None:
    import_files(store, CSV_FILES)
    before = snapshot(store)
    bad = write("partners.csv", "id,name,kind\nnew-1,Fine,ngo\nng-npf,Renamed,ngo\nnew-2,Bad,pirates\n")

    with pytest.raises(ImportRejected) as caught:
        import_files(store, [bad])

    assert [(e.line, e.column, e.value) for e in caught.value.errors] == [(4, "kind", "pirates")]
    assert snapshot(store) == before  # nothing written, not even an Import node


def test_skip_writes_valid_rows_and_the_fixed_rejects_file_imports_cleanly(store: Store, write,
                                                                          tmp_path: Path) -> None:
    text = ('id,name,kind,country\n'
            'p1,Good One,ngo,FR\n'
            'p2,"Bad, quoted",pirates,FR\n'
            'p3,Good Two,ngo,Atlantis\n'
            'p4,Good Three,cert,DE\n')
    src = write("partners.csv", text)
    rejects = tmp_path / "out" / "partners.rejects.csv"

    report = import_files(store, [src], options=ImportOptions(on_error="skip", rejects=rejects))

    assert report.counts["partners"] == Counter(created=2)
    assert report.rejects_files == [str(rejects)]
    with rejects.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["id", "name", "kind", "country", "reject_reason"]
    assert [r[:4] for r in rows[1:]] == [["p2", "Bad, quoted", "pirates", "FR"],
                                         ["p3", "Good Two", "ngo", "Atlantis"]]
    assert rows[1][4].startswith("kind: Input should be")
    assert rows[2][4].startswith("country: not an ISO 3166-1 country")

    fixed = rejects.read_text(encoding="utf-8").replace("pirates", "ngo").replace("Atlantis", "Mali")
    rejects.write_text(fixed, encoding="utf-8")
    again = import_files(store, [rejects])

    assert again.counts["partners"] == Counter(created=2)
    assert nodes(store, "Partner", "id", "country") == {
        ("p1", "FR"), ("p2", "FR"), ("p3", "ML"), ("p4", "DE")}


def test_skip_rejects_rows_that_refer_to_a_rejected_row(store: Store, write) -> None:
    partners = write("partners.csv", "id,name,kind\np1,One,ngo\np2,Two,pirates\n")
    ties = write("platform_use.csv", "partner_id,platform_id\np1,pl\np2,pl\n")
    platforms = write("platforms.csv", "id,name\npl,Platform\n")

    report = import_files(store, [partners, ties, platforms],
                          options=ImportOptions(on_error="skip"))

    assert rels(store, "USES") == {("p1", "pl")}
    assert [(e.file, e.line, e.column) for e in report.errors] == [
        ("partners.csv", 3, "kind"), ("platform_use.csv", 3, "partner_id")]


def test_a_tie_the_second_pass_rejects_is_not_loaded_from_the_first(store: Store, write) -> None:
    # The ties come before the partners they name: the first pass takes both, p4's rejection
    # withdraws its id, and the second pass rejects p4's tie. On two lanes, p4's tie is the
    # only one of its write phase (p1's is in the other), so that phase's spool file is
    # written by the first pass alone.
    ties = write("platform_use.csv", "partner_id,platform_id\np1,pl\np4,pl\n")
    partners = write("partners.csv", "id,name,kind\np1,One,ngo\np4,Four,pirates\n")
    platforms = write("platforms.csv", "id,name\npl,Platform\n")

    report = import_files(store, [ties, partners, platforms],
                          options=ImportOptions(on_error="skip", workers=2, validate_workers=1))

    assert [(e.file, e.line, e.column) for e in report.errors] == [
        ("platform_use.csv", 3, "partner_id"), ("partners.csv", 3, "kind")]
    assert report.counts["platform_use"] == Counter(created=1)  # nothing "missing"
    assert rels(store, "USES") == {("p1", "pl")}


def test_dry_run_validates_and_writes_nothing(store: Store) -> None:
    before = snapshot(store)

    report = import_files(store, CSV_FILES, options=ImportOptions(dry_run=True))

    assert report.status == "validated"
    assert report.records["partners"] == 4 and report.import_id is None
    assert snapshot(store) == before


# --- faults while writing ----------------------------------------------------------------------


def _many_partners(write, n: int) -> list[Path]:
    lines = ["id,name,kind,country"] + [f"p{i:03},Partner {i},ngo,FR" for i in range(n)]
    ties = ["partner_id,platform_id"] + [f"p{i:03},pl" for i in range(n)]
    return [write("partners.csv", "\n".join(lines) + "\n"),
            write("platforms.csv", "id,name\npl,Platform\n"),
            write("platform_use.csv", "\n".join(ties) + "\n")]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_import_interrupted_by_a_database_stop_completes_on_rerun(
        store: Store, settings, write, workers: int) -> None:
    if not localdb.status(settings).running:  # never start or stop a database we did not start
        pytest.fail("this test stops and restarts the suite's own local Neo4j; "
                    "PARTNERGRAPH_TEST_NEO4J_URI points elsewhere")
    files = _many_partners(write, 45)
    opts = ImportOptions(batch_size=10, workers=workers)
    stopped: list[int] = []

    def stop_after_second_batch(rows_done: int) -> None:
        if rows_done >= 20 and not stopped:
            stopped.append(rows_done)
            localdb.stop(settings)

    try:
        with Store(settings, retry_seconds=1, connect_timeout=2) as impatient:
            with pytest.raises(ImportInterrupted) as caught:
                import_files(impatient, files, options=opts, on_batch=stop_after_second_batch)
    finally:
        # Started through the CLI, as a steward would: the launcher outlives this process.
        started = subprocess.run([sys.executable, "-c", "from api.cli import main; main()",
                                  "db", "start"], capture_output=True, text=True, check=False)
    assert started.returncode == 0, started.stderr
    # With two lanes the other lane's batch may or may not have committed before the stop,
    # and its commit may have been made but not acknowledged (seen in CI: reported 30, the
    # checkpoint held 34); the resumed run goes by the checkpoint, with exact counts.
    assert 20 <= caught.value.rows_done < 91
    if workers == 1:
        assert caught.value.rows_done == 20

    resumed = import_files(store, files, options=ImportOptions(batch_size=10, workers=3))

    assert resumed.import_id == caught.value.report.import_id
    if workers == 1:
        assert resumed.resumed_at == caught.value.rows_done
    else:
        assert caught.value.rows_done <= resumed.resumed_at < 91
    assert resumed.counts == {"partners": Counter(created=45), "platforms": Counter(created=1),
                              "platform_use": Counter(created=45)}
    assert len(nodes(store, "Partner", "id")) == 45 and len(rels(store, "USES")) == 45
    runs = store.read(named("imports/list"), limit=10)
    assert [(r["id"], r["status"]) for r in runs] == [(resumed.import_id, "complete")]
    assert json.loads(runs[0]["counts"])["platform_use"] == {"created": 45}

    again = import_files(store, files, options=opts)
    assert again.import_id != resumed.import_id and set(again.totals()) == {"unchanged"}


@pytest.mark.parametrize("resumed_batch_size", [4, 25])
def test_a_resumed_import_keeps_the_batches_it_began_with(
        store: Store, write, resumed_batch_size: int) -> None:
    # The checkpoint names batches ("partners/0/1"): a run resumed with another
    # --batch-size must not read those names as other rows (it skipped rows, or wrote some
    # twice and counted them "unchanged").
    files = _many_partners(write, 45)

    def interrupt(rows_done: int) -> None:
        if rows_done >= 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(store, files, options=ImportOptions(batch_size=10, workers=2),
                     on_batch=interrupt)
    resumed = import_files(store, files, options=ImportOptions(batch_size=resumed_batch_size))

    assert 20 <= resumed.resumed_at < 91
    assert resumed.counts == {"partners": Counter(created=45), "platforms": Counter(created=1),
                              "platform_use": Counter(created=45)}
    assert len(nodes(store, "Partner", "id")) == 45 and len(rels(store, "USES")) == 45


def test_an_import_interrupted_in_a_phase_of_ties_resumes_with_exact_counts(
        store: Store, tmp_path: Path) -> None:
    from ingest.synthetic import generate

    generate(tmp_path, partners=60, agreements=120, activities=120, seed=3)
    files = sorted(tmp_path.glob("*.csv"))
    whole = import_files(store, files, options=ImportOptions(batch_size=10, workers=1))
    graph_whole = snapshot(store, imports=False)
    wipe(store)

    def interrupt(rows_done: int) -> None:
        if rows_done >= 320:  # partners, objectives, platforms, agreements, then parties
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(store, files, options=ImportOptions(batch_size=10, workers=2),
                     on_batch=interrupt)
    resumed = import_files(store, files, options=ImportOptions(batch_size=10, workers=3))

    assert resumed.resumed_at >= 320
    assert resumed.counts == whole.counts and set(resumed.totals()) == {"created"}
    assert _without_provenance(snapshot(store, imports=False)) == _without_provenance(graph_whole)


def test_an_import_begun_before_ties_were_split_in_blocks_resumes_by_its_own_split(
        store: Store, write, monkeypatch) -> None:
    # Its checkpoint names tie batches by group alone ("platform_use/0/1"): resumed in blocks,
    # the batches it had written would be written again and counted twice.
    import ingest.importer as importer

    files = _many_partners(write, 45)
    real_split = importer._split
    monkeypatch.setattr(importer, "_split", lambda resume, opts: importer._Split(
        opts.workers, opts.batch_size, blocks=False))  # as imports were split before blocks

    def interrupt(rows_done: int) -> None:
        if rows_done >= 66:  # 46 nodes, then two batches of ties
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(store, files, options=ImportOptions(batch_size=10, workers=2),
                     on_batch=interrupt)
    store.write(NamedQuery("test", "MATCH (i:Import) REMOVE i.tie_split", frozenset()))
    monkeypatch.setattr(importer, "_split", real_split)
    resumed = import_files(store, files, options=ImportOptions(batch_size=10, workers=2))

    assert resumed.resumed_at >= 66
    assert resumed.counts == {"partners": Counter(created=45), "platforms": Counter(created=1),
                              "platform_use": Counter(created=45)}


def test_concurrent_lanes_write_the_same_graph_as_one(store: Store, tmp_path: Path) -> None:
    from ingest.synthetic import generate

    generate(tmp_path, partners=60, agreements=120, activities=120, seed=3)
    files = sorted(tmp_path.glob("*.csv"))
    one = import_files(store, files, options=ImportOptions(batch_size=50, workers=1))
    graph_one = snapshot(store, imports=False)
    wipe(store)
    four = import_files(store, files, options=ImportOptions(batch_size=50, workers=4))

    assert four.counts == one.counts and set(four.totals()) == {"created"}
    assert _without_provenance(snapshot(store, imports=False)) == _without_provenance(graph_one)


def _without_provenance(graph: tuple[frozenset, frozenset]) -> tuple[set, set]:
    """The snapshot without `import_id`, which names the run that wrote each row."""
    nodes_, rels_ = graph
    return ({(labels, tuple(p for p in props if p[0] != "import_id")) for labels, props in nodes_},
            {(t, a, b, tuple(p for p in props if p[0] != "import_id")) for t, a, b, props in rels_})
