/**
 * The interval levels (percent) a forecast has unless it asks for others: the API's default, and the
 * levels whose simulated intervals an ETS fit stores (ets/kind.ts).
 */
export const DEFAULT_LEVELS: readonly number[] = [80, 95];
