// The fair-release draw as a pure function: who gets which place. Being fast gives no advantage:
// the order of requests is never used, only a random permutation.

export type DrawRequest = { id: number; urgent: boolean };
export type Allocation = { winners: Array<{ requestId: number; place: number }>; losers: number[]; reserved: number };

/** A random whole number in [0, n): crypto.randomInt in production, seeded in tests. */
export type RandomInt = (n: number) => number;

function shuffled<T>(items: readonly T[], random: RandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Allocates `places` (indexes 0..places-1, in time order) to requests. A share of the places
 * (rounded down) is first drawn among urgent requests only; the remaining places are drawn among
 * everyone not yet drawn, urgent or not. Places are then handed to the winners in a random order,
 * so that neither the time of the request nor urgency decides who gets the early times.
 */
export function drawLottery(places: number, requests: readonly DrawRequest[], urgentSharePercent: number, random: RandomInt): Allocation {
  if (!Number.isInteger(places) || places < 0) throw new Error("places must be a whole number >= 0");
  if (urgentSharePercent < 0 || urgentSharePercent > 100) throw new Error("urgentSharePercent must be 0..100");
  const reserved = Math.floor((places * urgentSharePercent) / 100);
  const urgentPool = shuffled(
    requests.filter((r) => r.urgent),
    random,
  );
  const urgentWinners = urgentPool.slice(0, Math.min(reserved, urgentPool.length));
  const drawn = new Set(urgentWinners.map((r) => r.id));
  const rest = shuffled(
    requests.filter((r) => !drawn.has(r.id)),
    random,
  );
  const otherWinners = rest.slice(0, Math.max(0, places - urgentWinners.length));
  const winners = shuffled([...urgentWinners, ...otherWinners], random).map((r, place) => ({ requestId: r.id, place }));
  const won = new Set(winners.map((w) => w.requestId));
  return { winners, losers: requests.filter((r) => !won.has(r.id)).map((r) => r.id), reserved };
}
