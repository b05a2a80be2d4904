// A one-line progress bar on stderr for batches (files done / total, rate, ETA), drawn only
// when stderr is a terminal and redrawn at most ten times a second; cleared before the summary.

export class Progress {
  private done = 0;
  private last = 0;
  private readonly start = Date.now();
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY) && total > 1;
  }

  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && this.done < this.total) return;
    this.last = now;
    const secs = (now - this.start) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const eta = rate > 0 ? Math.round((this.total - this.done) / rate) : 0;
    const width = 24;
    const filled = Math.round((width * this.done) / this.total);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    const etaText = eta >= 60 ? `${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, '0')}s` : `${eta}s`;
    this.stream.write(`\r\x1b[K[${bar}] ${this.done}/${this.total} files  ${rate.toFixed(1)} files/s  ETA ${etaText}`);
  }

  clear(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
