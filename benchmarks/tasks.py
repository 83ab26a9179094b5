"""Whose main-thread time it is, from one Chromium trace that carries V8's CPU profile
(category disabled-by-default-v8.cpu_profiler).

A task is attributed to a script as Lighthouse does (the first script URL among its events). That
alone hides the site's own code when the theme calls it: client.js mounts the widgets from inside
Material's `document$` subscription, so Lighthouse counts that work as the theme's bundle. The CPU
profile's samples carry the whole JavaScript stack, so the time spent in (or below) the site's own
functions inside any task is counted too, including the style and layout those functions force.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

TASK_NAMES = ("RunTask", "ThreadControllerImpl::RunTask")
OWNERS = ("site", "theme", "page")


def owner(url: str | None, page_url: str) -> str:
    """The site's own scripts, the theme's bundle, or the page itself (HTML parsing, style and
    layout not run from a script)."""
    if not url or url == page_url or url == "Unattributable":
        return "page"
    if "/assets/javascripts/" in url:
        return "theme"
    return "site" if "/assets/" in url else "page"


@dataclass
class Task:
    start: float  # trace microseconds
    ms: float
    url: str  # as Lighthouse would attribute it
    # The task's time by whose JavaScript was running, per the CPU profile: "site" when a site frame
    # is on the stack (even if the theme called it), else "theme"; "page" is the
    # rest (parsing, style, layout, paint and garbage collection outside any script).
    shares: dict[str, float] = field(default_factory=dict)

    @property
    def site_ms(self) -> float:
        return self.shares.get("site", 0.0)


@dataclass
class Profile:
    """Samples of the main thread: (timestamp, leaf node id, interval in µs), and the call tree."""

    samples: list[tuple[float, int, float]] = field(default_factory=list)
    nodes: dict[int, dict] = field(default_factory=dict)

    def stack(self, node_id: int) -> list[dict]:
        frames = []
        while node_id in self.nodes:
            node = self.nodes[node_id]
            frames.append(node["callFrame"])
            node_id = node.get("parent")
        return frames


def _urls(event) -> list[str]:
    args = event.get("args") or {}
    urls = []
    for data in (args.get("data") or {}, args.get("beginData") or {}):
        if isinstance(data, dict):
            if data.get("url"):
                urls.append(data["url"])
            urls += [frame["url"] for frame in data.get("stackTrace") or [] if frame.get("url")]
    return urls


def main_thread_profile(events, pid: int, tid: int) -> Profile:
    profile = Profile()
    heads = [e for e in events if e.get("name") == "Profile" and e.get("pid") == pid and e.get("tid") == tid]
    if not heads:
        return profile
    head = heads[0]
    clock = head["args"]["data"]["startTime"]
    for event in events:
        if event.get("name") != "ProfileChunk" or event.get("id") != head["id"] or event.get("pid") != pid:
            continue
        data = event["args"]["data"]
        cpu = data.get("cpuProfile", {})
        for node in cpu.get("nodes", []):
            profile.nodes[node["id"]] = node
        # Parallel lists in Chrome's format; a chunk cut short by the trace's end pairs what it holds.
        for sample, delta in zip(cpu.get("samples", []), data.get("timeDeltas", []), strict=False):
            clock += delta
            profile.samples.append((clock, sample, 0.0))
    # Each sample stands for the time until the next one.
    profile.samples = [
        (ts, node, (profile.samples[i + 1][0] - ts) if i + 1 < len(profile.samples) else 0.0)
        for i, (ts, node, _) in enumerate(profile.samples)
    ]
    return profile


def tasks_between(events, pid: int, tid: int, start: float, end: float, profile: Profile, page_url: str) -> list[Task]:
    on_thread = sorted(
        (e for e in events if e.get("pid") == pid and e.get("tid") == tid and e.get("ph") == "X"), key=lambda e: e["ts"]
    )
    owner_of_node = {}  # node id -> whose JavaScript that stack is

    def owner_of(node_id: int) -> str | None:
        if node_id not in owner_of_node:
            owners = {owner(frame.get("url"), page_url) for frame in profile.stack(node_id) if frame.get("url")}
            owner_of_node[node_id] = next((name for name in ("site", "theme") if name in owners), None)
        return owner_of_node[node_id]

    tasks, index, sample_index, previous_end = [], 0, 0, -1.0
    for task in (e for e in on_thread if e.get("name") in TASK_NAMES and start <= e["ts"] <= end):
        finish = task["ts"] + task.get("dur", 0)
        if task["ts"] < previous_end:
            continue  # a task event nested in the one before (both names wrap the same task)
        previous_end = finish
        while index < len(on_thread) and on_thread[index]["ts"] < task["ts"]:
            index += 1
        urls, probe = [], index
        while probe < len(on_thread) and on_thread[probe]["ts"] <= finish:
            urls += _urls(on_thread[probe])
            probe += 1
        script = next((u for u in urls if u.split("?")[0].endswith((".js", ".mjs"))), None)
        item = Task(task["ts"], task.get("dur", 0) / 1000, script or (urls[0] if urls else "Unattributable"))
        while sample_index < len(profile.samples) and profile.samples[sample_index][0] < task["ts"]:
            sample_index += 1
        probe = sample_index
        while probe < len(profile.samples) and profile.samples[probe][0] <= finish:
            ts, node, interval = profile.samples[probe]
            who = owner_of(node)
            if who:
                item.shares[who] = item.shares.get(who, 0.0) + min(interval, finish - ts) / 1000
            probe += 1
        item.shares["page"] = max(0.0, item.ms - sum(item.shares.values()))
        tasks.append(item)
    return tasks


def longest_by_owner(tasks: list[Task], page_url: str) -> tuple[dict[str, float], dict[str, str]]:
    """The longest stretch each owner held the main thread in one task (its share of that task),
    and the script Lighthouse would blame that task on. Lighthouse blames a whole task on the first
    script in it: the DOMContentLoaded task, where Material's components and the site's widgets
    mount together, it calls client.js's, although most of it is the theme's."""
    longest, culprit = dict.fromkeys(OWNERS, 0.0), {}
    for task in tasks:
        for name, value in task.shares.items():
            if value > longest[name]:
                longest[name], culprit[name] = value, task.url
    return longest, culprit


def function_costs(profile: Profile, page_url: str, start: float, end: float) -> list[dict]:
    """Per function of the site's own scripts: self and inclusive time (ms) between two instants."""
    self_ms, total_ms = defaultdict(float), defaultdict(float)

    def key(frame):
        return (
            frame["url"].rsplit("/assets/", 1)[-1],
            frame.get("functionName") or "(anonymous)",
            frame.get("lineNumber", -1) + 1,
        )

    for ts, node, interval in profile.samples:
        if not start <= ts <= end:
            continue
        frames = [frame for frame in profile.stack(node) if owner(frame.get("url"), page_url) == "site"]
        for function in {key(frame) for frame in frames}:  # a recursive function counts once
            total_ms[function] += interval / 1000
        stack = profile.stack(node)
        if stack and owner(stack[0].get("url"), page_url) == "site":
            self_ms[key(stack[0])] += interval / 1000
    return sorted(
        (
            {"script": k[0], "function": k[1], "line": k[2], "self_ms": self_ms.get(k, 0.0), "total_ms": v}
            for k, v in total_ms.items()
        ),
        key=lambda row: -row["total_ms"],
    )


def restyled_elements(events, pid: int, tid: int, start: float, end: float) -> int:
    """Elements whose style the main thread recalculated between two instants (the sum of every
    UpdateLayoutTree's elementCount): how much styling a page costs, whatever the machine's speed."""
    return sum(
        (event.get("args") or {}).get("elementCount", 0)
        for event in events
        if event.get("name") == "UpdateLayoutTree"
        and event.get("pid") == pid
        and event.get("tid") == tid
        and start <= event.get("ts", 0) <= end
    )
