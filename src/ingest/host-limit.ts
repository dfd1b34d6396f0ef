/** At most `perHost` requests at a time to one host, so a feed of fifty items does not hammer a site. */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; waiting: Array<() => void> }>();

  constructor(private readonly perHost: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    let slot = this.hosts.get(host);
    if (!slot) this.hosts.set(host, (slot = { active: 0, waiting: [] }));
    if (slot.active >= this.perHost) await new Promise<void>((resolve) => slot!.waiting.push(resolve));
    else slot.active++;
    try {
      return await task();
    } finally {
      const next = slot.waiting.shift();
      // The slot passes straight to the next waiter; only when none waits is it given back.
      if (next) next();
      else if (--slot.active === 0) this.hosts.delete(host);
    }
  }
}
