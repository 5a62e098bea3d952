/**
 * Wall-clock times in a time zone, as Apps Script converts them: a date cell is handed over as the
 * instant its wall-clock time has in the spreadsheet's zone, and `Utilities.formatDate` writes an
 * instant's wall-clock time in a zone. Both through Intl, so the fakes agree with each other as
 * Google's services do.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      era: 'short',
    });
    formatters.set(zone, format);
  }
  return format;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function wallClock(instant: number, zone: string): WallClock {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: Number(parts.fractionalSecond),
  };
}

function asUtc(clock: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour, clock.minute, clock.second, clock.millisecond);
  return date.getTime();
}

/** The instant whose wall-clock time in `zone` is `utcLike` read as UTC (the zone's offset applied twice, for DST). */
export function instantOfWallClock(utcLike: number, zone: string): number {
  const offsetAt = (instant: number) => asUtc(wallClock(instant, zone)) - instant;
  const first = utcLike - offsetAt(utcLike);
  return utcLike - offsetAt(first);
}

const dayMs = 86_400_000;
const serialEpoch = Date.UTC(1899, 11, 30);

/** A Sheets serial (days since 1899-12-30, the time as the fraction) → the instant in `zone`. */
export function instantOfSerial(serial: number, zone: string): number {
  return instantOfWallClock(serialEpoch + Math.round(serial * dayMs), zone);
}

/** `Utilities.formatDate`'s patterns (Java SimpleDateFormat), the letters the add-on uses. */
export function formatWallClock(instant: number, zone: string, pattern: string): string {
  const clock = wallClock(instant, zone);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const fields: Record<string, string> = {
    yyyy: pad(clock.year, 4),
    MM: pad(clock.month, 2),
    dd: pad(clock.day, 2),
    HH: pad(clock.hour, 2),
    mm: pad(clock.minute, 2),
    ss: pad(clock.second, 2),
    SSS: pad(clock.millisecond, 3),
  };
  return pattern.replace(/'([^']*)'|([A-Za-z])\2*/g, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    const field = fields[token];
    if (field === undefined) throw new Error(`The fake Utilities.formatDate does not know "${token}".`);
    return field;
  });
}
