/**
 * Past its cap, a map forgets its oldest entries (a Map keeps insertion order) down to 90% of the
 * cap at once: O(1) amortised per insertion, whatever the map's size.
 */
export function trimOldestEntries(map: Map<unknown, unknown>, cap: number): void {
  if (map.size <= cap) return;
  let drop = map.size - Math.floor(cap * 0.9);
  for (const key of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(key);
  }
}
