/** The emulator's clock: real time plus an offset set through `PUT /__emulator/time-offset`. */
export class Clock {
  offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }
}
