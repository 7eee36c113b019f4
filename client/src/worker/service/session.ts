/**
 * The worker's view of the session: the access token the sync sends, and the way to ask the UI for
 * a fresh one. Concurrent refresh requests (a stream and the outbox both hit 401) share one call,
 * so a rotating refresh token is never spent twice. A token close to expiry is refreshed ahead.
 */
import type { Session, TokenRefresher } from '../api.ts';
import type { AuthSource, TimerHandle, Timers } from '../sync/env.ts';

/** Refresh this long before the access token expires. */
const AHEAD_MS = 60_000;

export class SessionManager implements AuthSource {
  #session: Session | null = null;
  #refresher: TokenRefresher | undefined;
  #inflight: Promise<'ok' | 'lost' | 'unavailable'> | undefined;
  #timer: TimerHandle | undefined;

  constructor(
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly onChange: (session: Session | null) => void = () => undefined,
  ) {}

  get session(): Session | null {
    return this.#session;
  }

  set(session: Session, refresher?: TokenRefresher): void {
    this.#session = session;
    if (refresher) this.#refresher = refresher;
    this.#schedule();
    this.onChange(session);
  }

  clear(): void {
    this.#session = null;
    this.#refresher = undefined;
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.onChange(null);
  }

  readonly token = (): string | null => this.#session?.accessToken ?? null;

  readonly refresh = (): Promise<'ok' | 'lost' | 'unavailable'> => {
    this.#inflight ??= this.#doRefresh().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  };

  async #doRefresh(): Promise<'ok' | 'lost' | 'unavailable'> {
    if (!this.#refresher) return this.#session ? 'unavailable' : 'lost';
    let next: Session | null;
    try {
      next = await this.#refresher();
    } catch {
      return 'unavailable';
    }
    if (!next) return 'lost';
    this.#session = next;
    this.#schedule();
    this.onChange(next);
    return 'ok';
  }

  #schedule(): void {
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    const exp = this.#session?.accessTokenExpiresAt;
    if (!exp || !this.#refresher) return;
    const wait = Math.max(0, exp - AHEAD_MS - this.now());
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, wait);
  }
}
