"""Average-linkage agglomerative clustering over a sparse similarity graph.

Clusters merge while the best average similarity between two clusters (the sum
of the similarities of their member pairs divided by the number of pairs) is
at least the threshold; a pair absent from the graph counts as similarity 0.
Given every pair, this is exact average linkage (UPGMA). A heap of candidate
merges with lazy invalidation keeps the cost near ``edges * log(edges)``.

Clusters may start pre-grouped, and *anchored* clusters (stories that already
exist) never merge with each other, so earlier stories keep their identity
while new articles join them or form new ones.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline.text_similarity import FloatMatrix

Edge = tuple[int, int, float]
_SCORE_DIGITS = 12


@dataclass
class _Forest:
    """Mutable clustering state; a cluster is keyed by its smallest member index."""

    members: dict[int, list[int]]
    anchored: set[int]
    links: dict[int, dict[int, float]] = field(default_factory=dict)
    version: dict[int, int] = field(default_factory=dict)
    heap: list[tuple[float, int, int, int, int]] = field(default_factory=list)

    def average(self, first: int, second: int) -> float:
        """Average member-pair similarity of two clusters, rounded so float noise cannot break ties."""
        pairs = len(self.members[first]) * len(self.members[second])
        return round(self.links[first][second] / pairs, _SCORE_DIGITS)

    def push(self, first: int, second: int) -> None:
        """Queue a candidate merge unless both clusters are anchored."""
        if first in self.anchored and second in self.anchored:
            return
        low, high = min(first, second), max(first, second)
        entry = (-self.average(low, high), low, high, self.version[low], self.version[high])
        heapq.heappush(self.heap, entry)

    def merge(self, keep: int, gone: int) -> None:
        """Fold cluster ``gone`` into ``keep`` (``keep < gone``) and requeue ``keep``'s neighbours."""
        self.members[keep] = sorted(self.members[keep] + self.members.pop(gone))
        if gone in self.anchored:
            self.anchored.add(keep)
            self.anchored.discard(gone)
        gone_links = self.links.pop(gone)
        keep_links = self.links[keep]
        keep_links.pop(gone, None)
        for neighbour, total in gone_links.items():
            if neighbour == keep:
                continue
            keep_links[neighbour] = keep_links.get(neighbour, 0.0) + total
            neighbour_links = self.links[neighbour]
            del neighbour_links[gone]
            neighbour_links[keep] = keep_links[neighbour]
        self.version[keep] += 1
        del self.version[gone]
        for neighbour in sorted(keep_links):
            self.push(keep, neighbour)


def _initial_forest(size: int, groups: Sequence[Sequence[int]], anchored: Iterable[int]) -> tuple[_Forest, list[int]]:
    """Singletons for every index not in ``groups``; returns the forest and each index's cluster key."""
    cluster_of = list(range(size))
    members: dict[int, list[int]] = {}
    anchored_keys: set[int] = set()
    anchored_groups = set(anchored)
    for number, group in enumerate(groups):
        key = min(group)
        members[key] = sorted(group)
        for index in group:
            cluster_of[index] = key
        if number in anchored_groups:
            anchored_keys.add(key)
    for index in range(size):
        if cluster_of[index] == index and index not in members:
            members[index] = [index]
    forest = _Forest(members, anchored_keys)
    forest.links = {key: {} for key in members}
    forest.version = {key: 0 for key in members}
    return forest, cluster_of


def cluster_graph(
    size: int,
    edges: Iterable[Edge],
    threshold: float,
    groups: Sequence[Sequence[int]] = (),
    anchored: Iterable[int] = (),
) -> list[list[int]]:
    """Average-linkage clusters of ``range(size)`` given weighted ``edges`` ``(i, j, similarity)``.

    ``groups`` are clusters to start from (disjoint index lists); the groups
    whose positions are in ``anchored`` never merge with each other. Ties go to
    the pair whose smallest members come first. Clusters are returned ordered
    by their smallest member.
    """
    forest, cluster_of = _initial_forest(size, groups, anchored)
    for left, right, similarity in edges:
        first, second = cluster_of[left], cluster_of[right]
        if first == second:
            continue
        forest.links[first][second] = forest.links[first].get(second, 0.0) + similarity
        forest.links[second][first] = forest.links[first][second]
    for first in sorted(forest.links):
        for second in sorted(forest.links[first]):
            if first < second:
                forest.push(first, second)
    while forest.heap:
        negative_score, low, high, low_version, high_version = heapq.heappop(forest.heap)
        if forest.version.get(low) != low_version or forest.version.get(high) != high_version:
            continue
        if -negative_score < threshold:
            break
        forest.merge(low, high)
    return [forest.members[key] for key in sorted(forest.members)]


def dense_edges(similarity: FloatMatrix, movable: Sequence[bool] | None = None) -> list[Edge]:
    """Every pair ``i < j`` of a dense matrix as an edge, skipping pairs where neither is movable."""
    size = similarity.shape[0]
    rows, columns = np.triu_indices(size, k=1)
    if movable is not None:
        free = np.asarray(movable, dtype=bool)
        keep = free[rows] | free[columns]
        rows, columns = rows[keep], columns[keep]
    values = similarity[rows, columns]
    return list(zip(rows.tolist(), columns.tolist(), values.tolist(), strict=True))


def cluster_average_linkage(similarity: FloatMatrix, threshold: float) -> list[list[int]]:
    """Exact average-linkage clustering of a dense similarity matrix (see :func:`cluster_graph`)."""
    return cluster_graph(similarity.shape[0], dense_edges(similarity), threshold)
