/**
 * Per-instance ("per run") state of a mock API: issued tokens and fault/usage counters. Datasets are
 * not here: they are built once per module load and shared read-only.
 */
import { hex, prng, type Rng } from "./prng";
import type { MockSpec } from "./spec/plan";

export interface MockOptions {
  /** Seeds the issued access tokens (same seed, same token sequence). Default 0x5eed. */
  readonly seed?: number;
  /**
   * Clock in epoch milliseconds. When given, tokens expire `expires_in` seconds after issue (pass the
   * run's virtual clock); without it, tokens stay valid for the life of the instance.
   */
  readonly now?: () => number;
  /**
   * How a slow endpoint waits before it answers (lab.example.com/slow/*). Pass the run's virtual clock
   * so the latency is virtual time; without it the mock really waits (the loopback server).
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /** An API described by an imported spec (lib/mocks/spec): served besides the built-in hosts, first. */
  readonly spec?: MockSpec;
}

/** The latency of the slow endpoints: longer than dlt's default `request_timeout` of 60 s. */
export const SLOW_RESPONSE_MS = 75_000;

/** Waits `ms` on the instance's clock (virtual when the run gave one, real otherwise). */
export function wait(state: MockState, ms: number): Promise<void> {
  return state.options.sleep ? state.options.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
}

export interface IssuedToken {
  /** Host of the token endpoint that issued it. */
  readonly issuer: string;
  /** Epoch ms, or null when the instance has no clock. */
  readonly expiresAt: number | null;
}

export interface MockState {
  readonly options: MockOptions;
  readonly tokens: Map<string, IssuedToken>;
  readonly counters: Map<string, number>;
  rng: Rng;
}

const DEFAULT_SEED = 0x5eed;

export function createState(options: MockOptions = {}): MockState {
  return { options, tokens: new Map(), counters: new Map(), rng: prng(options.seed ?? DEFAULT_SEED) };
}

/** Forgets tokens and counters in place (handlers keep their reference to the state). */
export function resetState(state: MockState): void {
  state.tokens.clear();
  state.counters.clear();
  state.rng = prng(state.options.seed ?? DEFAULT_SEED);
}

/** Increments a named counter and returns its previous value (0 the first time). */
export function bump(state: MockState, key: string): number {
  const n = state.counters.get(key) ?? 0;
  state.counters.set(key, n + 1);
  return n;
}

/** True exactly once per instance for `key`: a fault that fires on the first matching request only. */
export const firstTime = (state: MockState, key: string): boolean => bump(state, `fault:${key}`) === 0;

/** Issues an opaque, deterministic (per seed) access token. */
export function issueToken(state: MockState, issuer: string, expiresInSeconds: number): string {
  const token = `${hex(state.rng, 8)}.${hex(state.rng, 32)}`;
  const now = state.options.now?.();
  state.tokens.set(token, { issuer, expiresAt: now === undefined ? null : now + expiresInSeconds * 1000 });
  return token;
}

export type TokenCheck = { ok: true; issuer: string } | { ok: false; reason: "unknown" | "expired" };

export function checkToken(state: MockState, token: string): TokenCheck {
  const issued = state.tokens.get(token);
  if (!issued) return { ok: false, reason: "unknown" };
  const now = state.options.now?.();
  if (issued.expiresAt !== null && now !== undefined && now >= issued.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, issuer: issued.issuer };
}
