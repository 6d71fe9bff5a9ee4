/**
 * Acknowledges rendered output to the core in steps of TERMINAL_FLOW.ackChars (VS Code's 5,000), so
 * flow control knows how far behind this view is without an ack per batch.
 */
import { TERMINAL_FLOW } from '../../../../shared/contract';

export class AckCounter {
  private pending = 0;

  constructor(
    private readonly send: (chars: number) => void,
    private readonly step: number = TERMINAL_FLOW.ackChars,
  ) {}

  /** `chars` more live chars have been rendered. */
  rendered(chars: number): void {
    this.pending += chars;
    if (this.pending >= this.step) {
      const chars = this.pending;
      this.pending = 0;
      this.send(chars);
    }
  }
}
