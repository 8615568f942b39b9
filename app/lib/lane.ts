/**
 * At most `width` tasks at once; the others wait their turn here, in order. Used to keep one kind
 * of work from taking every database connection of a process (decision 0015). A local limit on
 * this process's own work, not state another process needs.
 */
export class Lane {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly width: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.width) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The place passes straight to the next task in line; otherwise it is given back.
      if (next) next();
      else this.running--;
    }
  }
}
