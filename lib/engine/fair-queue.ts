/**
 * The engine's waiting jobs, one FIFO per owner (the application), served round robin:
 * one customer's 50 dense images wait behind each other, not in front of everyone else's
 * next image. Limits are per owner (so one customer filling its share cannot make another
 * get "busy") and in total (memory).
 */
export class FairQueue<T> {
  /** Map keeps insertion order: the first key is the owner served next. */
  private readonly byOwner = new Map<string, T[]>();
  private size = 0;

  constructor(
    readonly perOwnerLimit: number,
    readonly totalLimit: number,
  ) {}

  get length(): number {
    return this.size;
  }

  /** Queues a job; false when its owner's share or the whole queue is full. */
  push(owner: string, job: T): boolean {
    const q = this.byOwner.get(owner);
    if ((q?.length ?? 0) >= this.perOwnerLimit || this.size >= this.totalLimit) return false;
    if (q) q.push(job);
    else this.byOwner.set(owner, [job]);
    this.size++;
    return true;
  }

  /** The next job: the head of the owner whose turn it is, who then goes to the back. */
  shift(): T | undefined {
    const first = this.byOwner.entries().next();
    if (first.done) return undefined;
    const [owner, q] = first.value;
    const job = q.shift()!;
    this.byOwner.delete(owner);
    if (q.length > 0) this.byOwner.set(owner, q);
    this.size--;
    return job;
  }

  /** Removes and returns every waiting job. */
  drain(): T[] {
    const all = [...this.byOwner.values()].flat();
    this.byOwner.clear();
    this.size = 0;
    return all;
  }
}
