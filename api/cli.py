"""The `partnergraph` command: one entry point for people.

    partnergraph up            database, migration, demo data, metrics, API — the main job
    partnergraph db start      the local Neo4j (embedded, Bolt on 127.0.0.1)
    partnergraph import FILE…  bulk import (CSV, JSON, STIX 2.1)
    partnergraph metrics run   compute trust and centrality and write them back
    partnergraph serve         the GraphQL API and the dashboard
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import click
from rich.console import Console
from rich.table import Table

from graph import localdb
from graph.config import Settings
from graph.model import TLP, Role
from graph.store import Store, StoreError

if TYPE_CHECKING:  # the import pipeline loads only for the commands that use it
    from ingest.dates import DateOrder
    from ingest.importer import OnError

console = Console(stderr=True, soft_wrap=True)


def _settings() -> Settings:
    return Settings.from_env()


def _fail(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="partnergraph")
def main() -> None:
    """partnergraph: who works with whom against cybercrime, and how much trust flows.

    Configuration comes from the environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
    NEO4J_DATABASE (see the README for the full table).
    """


# --- database ----------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Manage the local Neo4j (development and CI) and the schema."""


@db.command("start")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for Bolt.")
def db_start(timeout: float) -> None:
    """Start the local embedded Neo4j and wait until Bolt answers.

    The first start resolves Neo4j from Maven Central (needs `mvn` and `java`); later
    starts are offline. A second start while one runs does nothing.
    """
    try:
        localdb.start(_settings(), timeout=timeout, echo=console.print)
    except localdb.LocalDbError as exc:
        _fail(str(exc))


@db.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j cleanly."""
    localdb.stop(_settings(), echo=console.print)


@db.command("status")
def db_status() -> None:
    """Say whether the local Neo4j runs, where, and how much memory it uses."""
    s = localdb.status(_settings())
    if not s.running:
        console.print(f"Neo4j is not running (data in {s.data_dir})")
        sys.exit(3)
    console.print(f"Neo4j is running: pid {s.pid}, bolt://127.0.0.1:{s.port}, "
                  f"RSS {s.rss_mb:.0f} MB, data in {s.data_dir}")


@db.command("migrate")
def db_migrate() -> None:
    """Create constraints, indexes and reference data (idempotent)."""
    from graph.schema import migrate

    try:
        with Store(_settings()) as store:
            report = migrate(store)
    except StoreError as exc:
        _fail(str(exc))
    created = ", ".join(report.created) or "nothing new"
    console.print(f"Schema up to date ({report.applied} statements; created: {created})")
    if report.converted:
        console.print(f"Data converted: {', '.join(report.converted)}")


@db.command("counts")
def db_counts() -> None:
    """Count nodes per label and relationships per type."""
    from graph.admin import label_counts, relationship_counts

    try:
        with Store(_settings()) as store:
            labels, rels = label_counts(store), relationship_counts(store)
    except StoreError as exc:
        _fail(str(exc))
    table = Table("kind", "name", "count")
    for label, n in labels.items():
        table.add_row("node", label, str(n))
    for rel, n in rels.items():
        table.add_row("relationship", rel, str(n))
    Console().print(table)


# --- demo --------------------------------------------------------------------------------


@main.command("demo")
def demo() -> None:
    """Load the demo data set (idempotent: a second load changes nothing)."""
    from graph.schema import migrate
    from ingest.demo import load_demo

    try:
        with Store(_settings()) as store:
            migrate(store)
            report = load_demo(store)
    except StoreError as exc:
        _fail(str(exc))
    console.print(report.summary())


# --- synthetic data ----------------------------------------------------------------------


@main.command("generate")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--partners", default=1000, show_default=True, help="Number of partners.")
@click.option("--agreements", default=2000, show_default=True, help="Number of agreements.")
@click.option("--activities", default=2000, show_default=True, help="Number of joint activities.")
@click.option("--seed", default=0, show_default=True, help="Same seed, same files (byte for byte).")
def generate(out_dir: Path, partners: int, agreements: int, activities: int, seed: int) -> None:
    """Write a synthetic data set (the eight import CSVs) to OUT_DIR, streaming to disk."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeElapsedColumn

    from ingest.synthetic import generate as write_synthetic

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        try:
            counts = write_synthetic(out_dir, partners=partners, agreements=agreements,
                                     activities=activities, seed=seed, progress=report)
        except ValueError as exc:
            _fail(str(exc))
    for kind, n in counts.items():
        console.print(f"{kind:24} {n:>12,}", highlight=False)


# --- import (ingest/importer.py; the view is api/import_view.py) ---------------------------


@main.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate every row and report; write nothing.")
@click.option("--on-error", type=click.Choice(["abort", "skip"]), default="abort",
              show_default=True,
              help="abort: any invalid row and nothing is written. skip: write the valid rows "
                   "and every rejected row, unchanged, to a rejects file with its reasons.")
@click.option("--rejects", type=click.Path(path_type=Path), default=None,
              help="Where rejected rows go: a file (one source) or a folder "
                   "(default: <file>.rejects.csv beside each source).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=5000, show_default=True,
              help="Rows per write transaction (a resumed import keeps the size it began "
                   "with).")
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Concurrent write transactions, on disjoint rows; ties in blocks that "
                   "share no node (a resumed import keeps the split it began with). Scanning "
                   "and validating fork up to two processes on large imports, whatever this "
                   "says.")
@click.option("--ignore-columns", default="", metavar="A,B",
              help="Comma-separated CSV columns to ignore instead of rejecting the file.")
@click.option("--delimiter", type=click.Choice([",", ";", "tab"]), default=None,
              help="The CSV files' delimiter (default: detected from the header: , ; or tab).")
@click.option("--header-row", type=click.IntRange(1, 1000), default=1, show_default=True,
              help="The row that holds the header (CSV and .xlsx sheets); rows above it, a "
                   "title, are skipped.")
@click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"]), default=None,
              help="How numeric dates are written: 03/01/2021 is 3 January (dmy) or 1 March "
                   "(mdy). Without it only dates that can be read one way are taken.")
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A CSV of source_id,partner_id: which existing partner a file's partner "
                   "is (a partner_id equal to the source_id: create it as new).")
@click.option("--create-anyway", is_flag=True,
              help="Create the partners that resolution finds ambiguous (they resemble an "
                   "existing one) as new partners, instead of stopping.")
@click.option("--max-line-bytes", type=click.IntRange(1024), default=1_000_000,
              show_default=True, help="Longest CSV line (or JSON item, in characters) accepted.")
@click.option("--actor", default=None, help="Who ran the import (default: $USER).")
@click.option("--prune", is_flag=True,
              help="After the import, delete what earlier imports of the same files wrote and "
                   "these files no longer contain (with --dry-run: report what would go). "
                   "Refused when rows were rejected.")
@click.option("--json", "as_json", is_flag=True, help="Quiet; print the report as JSON.")
@click.option("--errors-json", is_flag=True, help="Print the errors as JSON on stdout.")
def import_(files: tuple[Path, ...], dry_run: bool, on_error: OnError, rejects: Path | None,
            batch_size: int, workers: int, ignore_columns: str, delimiter: str | None,
            header_row: int, date_order: DateOrder | None, mapping: Path | None,
            create_anyway: bool, max_line_bytes: int, actor: str | None, prune: bool,
            as_json: bool, errors_json: bool) -> None:
    """Import partners, agreements and activities from CSV, Excel (.xlsx), JSON or STIX 2.1.

    Every row is validated before anything is written, and partners are resolved to those
    already in the graph (by id, name, alias, website; docs/IMPORT.md). Re-running the same
    files changes nothing; re-running after an interruption finishes the import. Exit
    status: 0 written (or validated, with --dry-run), 1 rejected (nothing written), 2
    written with rejected rows (--on-error skip; with --dry-run: would be), 3 database
    unavailable.
    """
    import json
    import os

    from api.import_view import (
        RichProgress,
        errors_table,
        rejected_advice,
        resolved_table,
        show_notices,
        summary_table,
    )
    from ingest.importer import ImportInterrupted, ImportOptions, ImportRejected, import_files

    options = ImportOptions(
        on_error=on_error, dry_run=dry_run, batch_size=batch_size, rejects=rejects,
        ignore_columns=frozenset(c.strip() for c in ignore_columns.split(",") if c.strip()),
        max_line_bytes=max_line_bytes, prune=prune, workers=workers,
        delimiter="\t" if delimiter == "tab" else delimiter, header_row=header_row,
        date_order=date_order, mapping=mapping, create_anyway=create_anyway)
    out = Console(soft_wrap=True)
    quiet = as_json or errors_json
    progress = RichProgress(console) if console.is_terminal and not quiet else None
    report = None
    code = 0
    try:
        with Store(_settings()) as store:
            if progress:
                with progress:
                    report = import_files(store, list(files), actor or os.environ.get("USER", "cli"),
                                          options, progress=progress)
            else:
                report = import_files(store, list(files), actor or os.environ.get("USER", "cli"),
                                      options)
    except ImportRejected as exc:
        code = 1
        report = exc.report
        if errors_json:
            print(json.dumps([e.as_dict() for e in exc.errors], indent=2, ensure_ascii=False))
        elif as_json:
            data: dict[str, Any] = report.as_dict() if report else {"status": "rejected"}
            data["errors"] = [e.as_dict() for e in exc.errors]
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            console.print(errors_table(exc.errors))
            console.print(f"[bold red]{len(exc.errors)} error(s); nothing was written.[/] "
                          + rejected_advice(exc, on_error))
        sys.exit(code)
    except ImportInterrupted as exc:
        _fail(str(exc))
    except StoreError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(3)
    assert report is not None
    code = 2 if report.rows_rejected else 0
    if errors_json:
        print(json.dumps([e.as_dict() for e in report.errors], indent=2, ensure_ascii=False))
    elif as_json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        if report.errors:
            console.print(errors_table(report.errors))
        show_notices(console, report)
        if report.resolved:
            out.print(resolved_table(report))
        out.print(summary_table(report))
        if report.pruned is not None:
            out.print(report.prune_line().strip(), highlight=False)
        if report.rejects_files:
            console.print(f"{report.rows_rejected} rejected row(s) written to "
                          f"{', '.join(report.rejects_files)}")
    sys.exit(code)


@main.command("imports")
@click.option("--limit", default=20, show_default=True, help="How many, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def imports_list(limit: int, as_json: bool) -> None:
    """List imports with their status (complete, incomplete), counts and source hash."""
    import json

    from api.import_view import imports_table
    from graph.queries import named

    try:
        with Store(_settings()) as store:
            rows = store.read(named("imports/list"), limit=limit)
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        for r in rows:
            r["counts"] = json.loads(r["counts"]) if r.get("counts") else None
        print(json.dumps(rows, indent=2))
    else:
        Console().print(imports_table(rows))


# --- partners: duplicates and merges (ingest/resolution.py, graph/merge.py) -----------------


@main.group()
def partners() -> None:
    """Find partners that are one organisation, and merge them."""


@partners.command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def partners_duplicates(as_json: bool) -> None:
    """List pairs of partners that look like one organisation, with the evidence (the same
    name, an id in another case, a shared website or alias) and any conflict (another
    country). Strong ones first; merge a pair with `partnergraph partners merge`."""
    from graph.queries import named
    from ingest.resolution import PartnerFacts, duplicates

    try:
        with Store(_settings()) as store:
            facts = [PartnerFacts(r["id"], r["name"] or "", tuple(r["aliases"]), r["country"],
                                  r["website"], tuple(r["other_ids"]))
                     for r in store.stream(named("imports/known_partners"))]
    except StoreError as exc:
        _fail(str(exc))
    found = duplicates(facts)
    names = {f.id: f.name for f in facts}
    if as_json:
        print(json.dumps([{"first": d.first, "second": d.second, "evidence": list(d.evidence),
                           "strong": d.strong, "conflict": d.conflict or None}
                          for d in found], indent=2, ensure_ascii=False))
        return
    table = Table("first", "second", "evidence", "conflict",
                  title=f"{len(found)} likely duplicate(s) among {len(facts)} partners",
                  title_justify="left")
    for d in found:
        table.add_row(f"{d.first} ({names[d.first]})", f"{d.second} ({names[d.second]})",
                      ("" if d.strong else "weak: ") + "; ".join(d.evidence), d.conflict)
    Console(soft_wrap=True).print(table)


@partners.command("merge")
@click.argument("keep")
@click.argument("drop")
@click.option("--actor", default=None, help="Who merged them (default: $USER).")
def partners_merge(keep: str, drop: str, actor: str | None) -> None:
    """Merge partner DROP into partner KEEP, in one transaction: DROP's ties move to KEEP
    (provenance kept), KEEP's empty fields are filled from DROP's, DROP's names become
    aliases and its id one of KEEP's other ids (later imports naming DROP resolve to KEEP),
    and the audit trail records DROP as it was."""
    import os

    from graph.merge import MergeError, merge_partners

    try:
        with Store(_settings()) as store:
            report = merge_partners(store, keep, drop, actor or os.environ.get("USER", "cli"))
    except MergeError as exc:
        _fail(str(exc))
    except StoreError as exc:
        _fail(str(exc))
    console.print(report.summary(), highlight=False)


# --- access --------------------------------------------------------------------------------


@main.group()
def token() -> None:
    """Create, list and revoke API tokens (bearer tokens for the GraphQL API)."""


@token.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default="viewer",
              show_default=True, help="viewer reads; analyst also runs metrics; steward imports "
              "and edits; admin manages tokens and sees everything.")
@click.option("--org", "organisation", default=None,
              help="Partner id of the token holder's organisation (unlocks AMBER+STRICT/RED "
              "objects it is party to).")
@click.option("--clearance", type=click.Choice([t.value for t in TLP]), default="green",
              show_default=True, help="Highest TLP level the token may read.")
@click.option("--days", default=90, show_default=True, type=click.IntRange(min=0),
              help="Days until it expires (0: never).")
def token_create(name: str, role: str, organisation: str | None, clearance: str, days: int) -> None:
    """Create a token for NAME and print it once (only its hash is stored)."""
    from graph import tokens

    try:
        with Store(_settings()) as store:
            secret, info = tokens.create(store, name, Role(role), organisation=organisation,
                                         clearance=TLP(clearance), days=days or None)
    except StoreError as exc:
        _fail(str(exc))
    console.print(f"Token {info.id} for {name} ({role}, clearance {clearance}, "
                  f"expires {info.expires_at or 'never'}). Keep it now; it is not shown again:")
    click.echo(secret)


@token.command("list")
def token_list() -> None:
    """List tokens (never their secrets)."""
    from graph import tokens

    try:
        with Store(_settings()) as store:
            rows = tokens.list_tokens(store)
    except StoreError as exc:
        _fail(str(exc))
    table = Table("id", "name", "role", "organisation", "clearance", "expires", "revoked")
    for t in rows:
        table.add_row(t.id, t.name, t.role.value, t.organisation or "", t.clearance.value,
                      t.expires_at or "never", t.revoked_at or "")
    Console().print(table)


@token.command("revoke")
@click.argument("token_id")
def token_revoke(token_id: str) -> None:
    """Revoke a token by id; requests with it are refused from now on."""
    from graph import tokens

    try:
        with Store(_settings()) as store:
            found = tokens.revoke(store, token_id)
    except StoreError as exc:
        _fail(str(exc))
    if not found:
        _fail(f"no token with id {token_id!r}")
    console.print(f"Token {token_id} revoked")


@main.command("audit")
@click.option("--limit", default=50, show_default=True, help="How many recent events.")
def audit_log(limit: int) -> None:
    """Show the audit trail: mutations, imports, token changes and metric runs."""
    from graph import audit

    try:
        with Store(_settings()) as store:
            events = audit.recent(store, limit)
    except StoreError as exc:
        _fail(str(exc))
    table = Table("at", "actor", "action", "target", "details")
    for e in events:
        table.add_row(e.at, e.actor, e.action, e.target or "", json.dumps(e.details))
    Console().print(table)


# --- metrics (graph/metrics/job.py; the view is api/metrics_view.py) ----------------------


@main.group()
def metrics() -> None:
    """Compute network metrics (centrality, brokerage, trust, gaps) and write them back."""


@metrics.command("run")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Measure the network as it stood on this date (default today).")
@click.option("--half-life", "half_life", type=click.FloatRange(min=1), default=730.0,
              show_default=True, help="Days after which old evidence counts half.")
@click.option("--seeds", default="", help="Comma-separated pre-trusted partner ids (EigenTrust).")
@click.option("--backend", type=click.Choice(["auto", "networkx", "igraph"]), default="auto",
              show_default=True, help="Who runs the heavy algorithms (auto: igraph when large).")
@click.option("--region", default=None, help="Only partners of this regional desk (e.g. AFR).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(
              ["law_enforcement", "government", "international_org", "private_sector", "cert",
               "academia", "ngo"]), help="Only partners of this kind (repeatable).")
@click.option("--tlp-max", "tlp_max", type=click.Choice(["clear", "green", "amber",
              "amber+strict", "red"]), default="amber", show_default=True,
              help="Ignore agreements and activities marked above this TLP.")
@click.option("--window-days", "window_days", type=click.IntRange(min=1), default=365,
              show_default=True,
              help="Coverage gaps: an activity is recent when it ended (else started, else was "
                   "announced) within this many days before --as-of.")
@click.option("--expiring-days", "expiring_days", type=click.IntRange(min=1), default=90,
              show_default=True,
              help="Coverage gaps: list expiries, consents and entries into force due within "
                   "this many days after --as-of.")
@click.option("--country-level/--no-country-level", "country_level", default=True,
              show_default=True,
              help="Also rank member countries: measure the graph with each country's "
                   "government, law enforcement and CERTs as one node (about 60% more "
                   "compute time at 10,000 partners; never with --region or --kind).")
def metrics_run(as_of: dt.datetime | None, half_life: float, seeds: str, backend: str, region: str | None,
                kinds: tuple[str, ...], tlp_max: str, window_days: int, expiring_days: int,
                country_level: bool) -> None:
    """Compute every metric and record a MetricRun (the latest once complete)."""
    from networkx import NetworkXException

    from api.metrics_view import render_report, run_with_progress
    from graph.metrics.job import RunParams
    from graph.model import TLP

    params = RunParams(as_of=as_of.date() if as_of else dt.date.today(),
                       half_life_days=half_life, backend=backend, region=region,
                       seeds=tuple(s.strip() for s in seeds.split(",") if s.strip()),
                       partner_kinds=tuple(sorted(kinds)) or None, tlp_max=TLP(tlp_max).rank,
                       window_days=window_days, expiring_days=expiring_days,
                       country_level=country_level)
    try:
        with Store(_settings()) as store:
            report = run_with_progress(store, params, console)
    except StoreError as exc:
        _fail(str(exc))
    except (ValueError, LookupError, NetworkXException) as exc:  # unknown seed, empty graph
        _fail(str(exc))
    render_report(report, Console())


# --- serving -----------------------------------------------------------------------------


@main.command("serve")
@click.option("--host", default=None, help="Interface to bind (default PARTNERGRAPH_HOST or 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default PARTNERGRAPH_PORT or 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the GraphQL API (/graphql), health endpoints and the dashboard."""
    import uvicorn

    settings = _settings()
    uvicorn.run("api.app:create_app", factory=True, host=host or settings.api_host,
                port=port or settings.api_port, log_level="info",
                **uvicorn_proxy_options(settings))


class ProxyOptions(TypedDict):
    proxy_headers: bool
    forwarded_allow_ips: str | None


def uvicorn_proxy_options(settings: Settings) -> ProxyOptions:
    """Forwarded headers are believed only from the proxies the operator names: the failed
    sign-in limit and the logs key on the client address, which a client could otherwise
    choose itself."""
    trusted = settings.api_forwarded_allow_ips.strip()
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


def _local_token(settings: Settings) -> str:
    """An admin token for the local dashboard, kept (0600) beside the local database."""
    from graph import tokens

    path = settings.localdb_dir / "dashboard-token"
    with Store(settings) as store:
        if path.is_file():
            try:
                tokens.verify(store, path.read_text().strip())
                return path.read_text().strip()
            except tokens.InvalidToken:
                pass
        secret, _ = tokens.create(store, "local dashboard (partnergraph up)", Role.ADMIN,
                                  clearance=TLP.RED, days=30, actor="partnergraph up")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(secret)
    return secret


@main.command("up")
@click.option("--no-db", is_flag=True,
              help="Use the Neo4j at NEO4J_URI instead of starting the local one (Docker).")
@click.option("--no-serve", is_flag=True, help="Stop after loading and computing; do not serve.")
@click.pass_context
def up(ctx: click.Context, no_db: bool, no_serve: bool) -> None:
    """The main job: start Neo4j, migrate, load the demo, compute metrics, serve.

    With the local database, it also keeps an admin token for the dashboard and prints the
    address that signs you in.
    """
    if not no_db:
        ctx.invoke(db_start)
    ctx.invoke(demo)
    ctx.invoke(metrics_run)
    if no_serve:
        return
    settings = _settings()
    if not no_db:
        try:
            token = _local_token(settings)
        except StoreError as exc:
            _fail(str(exc))
        console.print(f"[bold]Dashboard:[/] http://{settings.api_host}:{settings.api_port}/"
                      f"#token={token}\n[bold]GraphQL:[/] "
                      f"http://{settings.api_host}:{settings.api_port}/graphql "
                      "(send the token as Authorization: Bearer …)")
    ctx.invoke(serve)
