// Workflow-safe: e-mails sent beside the flow, never in its way.

/**
 * Fire-and-forget mail: a send that keeps failing (SMTP down) never holds up a decision, but the
 * workflow waits for every send before it ends, and knows how many are still out (a quiet point for
 * continue-as-new).
 */
export class MailQueue {
  private readonly outgoing: Promise<unknown>[] = [];
  private inFlight = 0;

  add(sending: Promise<unknown>): void {
    this.inFlight += 1;
    this.outgoing.push(
      sending
        .catch(() => undefined)
        .finally(() => {
          this.inFlight -= 1;
        }),
    );
  }

  get idle(): boolean {
    return this.inFlight === 0;
  }

  async drained(): Promise<void> {
    await Promise.all(this.outgoing);
  }
}
