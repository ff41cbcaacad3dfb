"""What `partnergraph metrics run` shows: live progress on a terminal, a summary at the end."""

from __future__ import annotations

import os

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.metrics.job import RunParams, RunReport, run_metrics
from graph.store import Store


def run_with_progress(store: Store, params: RunParams, console: Console) -> RunReport:
    """Run the job, naming each step as it starts (only when the console is a terminal)."""
    with Progress(SpinnerColumn(), TextColumn("[bold]metrics[/] {task.description}"),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("starting", total=None)
        return run_metrics(store, params,
                           progress=lambda step, *_: progress.update(task, description=step),
                           actor=os.environ.get("USER", "cli"))


def render_report(report: RunReport, console: Console) -> None:
    s = report.summary
    console.print(f"[bold green]Metric run {report.run_id} complete[/] "
                  f"(graph {report.graph_hash[:12]}, {report.timings['total']:.1f} s)")
    table = Table("figure", "value", title="Network")
    for key in ("nodes", "edges", "density", "components", "largest_component", "isolated",
                "diameter", "average_path_length", "communities", "modularity"):
        value = s.get(key)
        table.add_row(key, f"{value:.4g}" if isinstance(value, float) else str(value))
    console.print(table)
    counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
    console.print(f"Written: {counts}")
    slow = sorted(report.timings.items(), key=lambda kv: -kv[1])[1:6]
    console.print("Slowest steps: " + ", ".join(f"{k} {v:.2f} s" for k, v in slow))
